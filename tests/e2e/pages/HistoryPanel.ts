import { expect, type Locator, type Page } from '@playwright/test';

/** The shipped series' file, as the page requests it. */
export const HISTORY_CSV = 'history/spx_vix_daily.csv';

/** Page object for the History view (src/ui/history_view.rs); data-testid selectors only. */
export class HistoryPanel {
  readonly page: Page;
  readonly panel: Locator;
  readonly tab: Locator;
  readonly status: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly csv: Locator;
  readonly csvErrors: Locator;
  readonly fitFreeRmse: Locator;

  constructor(page: Page) {
    this.page = page;
    this.panel = page.getByTestId('history-panel');
    this.tab = page.getByTestId('history-tab');
    this.status = page.getByTestId('history-data-status');
    this.table = page.getByTestId('history-table');
    this.rows = this.table.locator('tbody tr');
    this.csv = page.getByTestId('history-csv');
    this.csvErrors = page.getByTestId('history-csv-errors');
    this.fitFreeRmse = page.getByTestId('history-fit-free-rmse');
  }

  /** Opens the view from the header and waits for the series to load. */
  async open(): Promise<void> {
    await this.tab.click();
    await this.waitForData();
  }

  async waitForData(): Promise<void> {
    await expect(this.status).toContainText('trading days', { timeout: 30_000 });
  }

  async section(name: 'replay' | 'calibration' | 'backtest'): Promise<void> {
    await this.page.getByTestId(`history-tab-${name}`).click();
  }

  async pickEpisode(id: string): Promise<void> {
    await this.page.getByTestId('history-episode').selectOption(id);
  }

  /** Every cell of the replay table, row by row. */
  async tableText(): Promise<string[][]> {
    await expect(this.rows.first()).toBeVisible();
    return this.rows.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
    );
  }

  /** The row of one date. */
  row(date: string): Locator {
    return this.table.locator(`tbody tr[data-date="${date}"]`);
  }

  /** A displayed number ("3,386.15", "−1,234", "+$5") as a JS number. */
  static value(text: string): number {
    return Number(text.replace(/[,$+\s]/g, '').replace('−', '-'));
  }

  async pasteCsv(text: string): Promise<void> {
    await this.page.locator('details.history-own > summary').click();
    await this.csv.fill(text);
    await this.page.getByTestId('history-csv-use').click();
  }
}
