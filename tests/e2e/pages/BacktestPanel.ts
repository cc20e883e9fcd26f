import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page object for the History program backtest panel (src/ui/backtest_panel.rs), which the
 * History view mounts in its "Program backtest" section with the series it loaded.
 */
export class BacktestPanel {
  readonly page: Page;
  readonly root: Locator;
  readonly run: Locator;
  readonly cancel: Locator;
  readonly progress: Locator;
  readonly status: Locator;
  readonly schedule: Locator;
  readonly years: Locator;
  readonly note: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('backtest-panel');
    this.run = page.getByTestId('bt-run');
    this.cancel = page.getByTestId('bt-cancel');
    this.progress = page.getByTestId('bt-progress');
    this.status = page.getByTestId('bt-status');
    this.schedule = page.getByTestId('bt-schedule');
    this.years = page.getByTestId('bt-years');
    this.note = page.getByTestId('bt-note');
  }

  /** Opens the History view (which fetches the shipped series) and its backtest section. */
  async mount(): Promise<void> {
    await this.page.getByTestId('history-tab').click();
    await expect(this.page.getByTestId('history-data-status')).toContainText('trading days', { timeout: 30_000 });
    await this.page.getByTestId('history-tab-backtest').click();
    await expect(this.root).toBeVisible();
  }

  /** Records every value the progress bar takes (a MutationObserver in the page). */
  async recordProgress(): Promise<void> {
    await this.progress.evaluate((el) => {
      const seen: number[] = [];
      (window as any).__btProgress = seen;
      new MutationObserver(() => {
        const v = el.getAttribute('value');
        if (v !== null) seen.push(Number(v));
      }).observe(el, { attributes: true, attributeFilter: ['value'] });
    });
  }

  /** The progress values recorded since `recordProgress()`. */
  async progressValues(): Promise<number[]> {
    return this.page.evaluate(() => (window as any).__btProgress as number[]);
  }

  /**
   * Clicks Cancel from inside the page as soon as the progress bar passes `after` entries, so
   * the click lands while the worker is computing however fast it is.
   */
  async cancelOnceProgressPasses(after: number): Promise<void> {
    await this.progress.evaluate((el, after) => {
      const obs = new MutationObserver(() => {
        if (Number(el.getAttribute('value') ?? '0') >= after) {
          obs.disconnect();
          (document.querySelector('[data-testid="bt-cancel"]') as HTMLButtonElement).click();
        }
      });
      obs.observe(el, { attributes: true, attributeFilter: ['value'] });
    }, after);
  }

  /** Text of a summary cell, e.g. figure('total', 'combined'). */
  figure(key: string, column: 'condor' | 'combined'): Locator {
    return this.page.getByTestId(`bt-${key}-${column}`);
  }

  yearRow(year: number): Locator {
    return this.page.getByTestId(`bt-year-${year}`);
  }
}
