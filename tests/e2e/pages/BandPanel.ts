import { expect, type Locator, type Page } from '@playwright/test';
import { HistoryPanel } from './HistoryPanel';

/** One row of the band table: the move, then link and history figures as numbers. */
export interface BandRow {
  move: string;
  spx: number;
  vixLink: number;
  vixBand: [number, number] | null;
  hedgeLink: number;
  hedgeBand: [number, number] | null;
  combinedLink: number;
  combinedBand: [number, number] | null;
}

/** Page object for the History band under the P/L chart (src/ui/band_panel.rs). */
export class BandPanel {
  readonly page: Page;
  readonly toggle: Locator;
  readonly horizon: Locator;
  readonly status: Locator;
  readonly table: Locator;

  constructor(page: Page) {
    this.page = page;
    this.toggle = page.getByTestId('band-toggle');
    this.horizon = page.getByTestId('band-horizon');
    this.status = page.getByTestId('band-status');
    this.table = page.getByTestId('band-table');
  }

  /** Switches the band on and waits until it is drawn (its description names the horizon). */
  async show(): Promise<void> {
    await this.toggle.check();
    await expect(this.status).toContainText('Band at', { timeout: 30_000 });
  }

  /** "a to b" as two numbers, or null for "too few windows". */
  static range(text: string): [number, number] | null {
    if (text.includes('too few')) return null;
    const [a, b] = text.split(' to ').map(HistoryPanel.value);
    return [a, b];
  }

  async rows(): Promise<BandRow[]> {
    await expect(this.table.locator('tbody tr').first()).toBeVisible();
    const cells = await this.table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent ?? '')),
    );
    return cells.map((c) => ({
      move: c[0],
      spx: HistoryPanel.value(c[1]),
      vixLink: HistoryPanel.value(c[2]),
      vixBand: BandPanel.range(c[3]),
      hedgeLink: HistoryPanel.value(c[4]),
      hedgeBand: BandPanel.range(c[5]),
      combinedLink: HistoryPanel.value(c[6]),
      combinedBand: BandPanel.range(c[7]),
    }));
  }
}
