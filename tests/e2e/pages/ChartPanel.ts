import { type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The plot box the chart reports (CSS pixels from the canvas's left edge, SPX at its ends). */
export interface PlotBox {
  left: number;
  right: number;
  xMin: number;
  xMax: number;
}

/** Page object for the P/L chart panel: downloads, crosshair overlay and read-out. */
export class ChartPanel {
  readonly page: Page;
  readonly canvas: Locator;
  readonly area: Locator;
  readonly pngButton: Locator;
  readonly curvesCsvButton: Locator;
  readonly greeksCsvButton: Locator;
  readonly line: Locator;
  readonly readout: Locator;
  readonly readoutSpx: Locator;

  constructor(page: Page) {
    this.page = page;
    this.canvas = page.getByTestId('pnl-chart');
    this.area = page.getByTestId('pnl-chart-area');
    this.pngButton = page.getByTestId('download-png');
    this.curvesCsvButton = page.getByTestId('download-curves-csv');
    this.greeksCsvButton = page.getByTestId('download-greeks-csv');
    this.line = page.getByTestId('crosshair-line');
    this.readout = page.getByTestId('crosshair-readout');
    this.readoutSpx = page.getByTestId('crosshair-spx');
  }

  /** Clicks a download button and returns the download with its bytes. */
  async download(button: Locator): Promise<{ download: Download; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    return { download, bytes: await readFile(path) };
  }

  /** The plot box from the chart area's `data-plot` attribute. */
  async plotBox(): Promise<PlotBox> {
    const text = (await this.area.getAttribute('data-plot')) ?? '';
    const [left, right, xMin, xMax] = text.split(' ').map(Number);
    return { left, right, xMin, xMax };
  }

  /** Moves the mouse to `x` CSS pixels from the canvas's left edge, mid-height. */
  async hoverAt(x: number): Promise<void> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('the chart canvas is not laid out');
    await this.page.mouse.move(box.x + x, box.y + box.height * 0.4);
  }

  /** The SPX level the read-out shows (its `data-spx`), or null when hidden. */
  async readoutLevel(): Promise<number | null> {
    if ((await this.readoutSpx.count()) === 0) return null;
    return Number(await this.readoutSpx.getAttribute('data-spx'));
  }

  /** Read-out cell text, e.g. cell(0, 'combined') for the first horizon's combined P/L. */
  cell(horizon: number, column: 'vix' | 'condor' | 'hedge' | 'combined'): Locator {
    return this.page.getByTestId(`crosshair-${horizon}-${column}`);
  }
}

/** Splits RFC 4180 CSV text into records of fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(cur);
      cur = '';
    } else if (c === '\n') {
      fields.push(cur);
      records.push(fields);
      fields = [];
      cur = '';
    } else if (c !== '\r') cur += c;
  }
  if (cur !== '' || fields.length > 0) {
    fields.push(cur);
    records.push(fields);
  }
  return records;
}
