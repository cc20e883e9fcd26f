import { type Locator, type Page } from '@playwright/test';

/** Page object for the analysis panels: risk, Greeks chart, presets, assumptions, implied vol. */
export class AnalysisPanel {
  readonly page: Page;
  readonly horizonTable: Locator;
  readonly stressToggle: Locator;
  readonly greeksChart: Locator;
  readonly curveChart: Locator;

  constructor(page: Page) {
    this.page = page;
    this.horizonTable = page.getByTestId('horizon-table');
    this.stressToggle = page.getByTestId('toggle-stress');
    this.greeksChart = page.getByTestId('greeks-chart');
    this.curveChart = page.getByTestId('curve-chart');
  }

  /** Row headers of the per-horizon table ("T+0", "T+5d", "Expiry …"). */
  async horizonLabels(): Promise<string[]> {
    return this.horizonTable.locator('tbody tr th').allTextContents();
  }

  /** Text of one risk cell, e.g. risk('cvar95', 'combined'). */
  risk(metric: string, layer: 'condor' | 'hedge' | 'combined'): Locator {
    return this.page.getByTestId(`risk-${metric}-${layer}`);
  }

  /** Non-background pixels of a canvas found by test id. */
  async nonBlankPixels(canvas: Locator): Promise<number> {
    return canvas.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return 0;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) n++;
      }
      return n;
    });
  }

  /** A cheap hash of a canvas's pixels, to tell two drawings apart. */
  async canvasHash(canvas: Locator): Promise<string> {
    return canvas.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (!ctx) return '';
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let h = 2166136261;
      for (let i = 0; i < d.length; i++) {
        h ^= d[i];
        h = Math.imul(h, 16777619) >>> 0;
      }
      return `${c.width}x${c.height}:${h.toString(16)}`;
    });
  }
}
