import { type Locator, type Page } from '@playwright/test';

/** A dollar or number text of the page ("+$1,234", "−$56", "17.2") as a number. */
export function parseFigure(text: string | null): number {
  const cleaned = (text ?? '').replace(/−/g, '-').replace(/[$,+\s]/g, '');
  const value = Number(cleaned);
  if (!Number.isFinite(value) || cleaned === '') throw new Error(`not a number: "${text}"`);
  return value;
}

/**
 * Page object for the issue-17 market parts: the futures curve (quotes as they stand now, the
 * lock, its warning and notice), the smile and vol-of-vol inputs, the scenario VIX and
 * futures-beta tables of the Assumptions panel, and the hedge vega in both units.
 */
export class MarketPanel {
  readonly page: Page;
  readonly futuresTable: Locator;
  readonly lock: Locator;
  readonly futuresWarning: Locator;
  readonly futuresNotice: Locator;
  readonly smileInputs: Locator;
  readonly smileNotice: Locator;
  readonly scenarioVixTable: Locator;
  readonly futuresBetaTable: Locator;
  readonly hedgeVegaPerVixPoint: Locator;
  readonly hedgeVegaPerSpxVolPoint: Locator;

  constructor(page: Page) {
    this.page = page;
    this.futuresTable = page.getByTestId('futures-table');
    this.lock = page.getByTestId('input-market-futures_locked');
    this.futuresWarning = page.getByTestId('futures-warning');
    this.futuresNotice = page.getByTestId('futures-notice');
    this.smileInputs = page.getByTestId('smile-inputs');
    this.smileNotice = page.getByTestId('smile-notice');
    this.scenarioVixTable = page.getByTestId('scenario-vix-table');
    this.futuresBetaTable = page.getByTestId('futures-beta-table');
    this.hedgeVegaPerVixPoint = page.getByTestId('hedge-vega-per-vix-point');
    this.hedgeVegaPerSpxVolPoint = page.getByTestId('hedge-vega-per-spx-vol-point');
  }

  /** The futures prices listed in the Market group (the quotes as they stand now). */
  async quotes(): Promise<number[]> {
    const inputs = await this.futuresTable.locator('input[data-testid$="-price"]').all();
    const out: number[] = [];
    for (const input of inputs) out.push(parseFigure(await input.inputValue()));
    return out;
  }

  /** Opens the folded "Smile and vol-of-vol" block. */
  async openSmile(): Promise<void> {
    if ((await this.smileInputs.getAttribute('open')) === null) {
      await this.smileInputs.locator('summary').click();
    }
  }

  /** Model VIX of row `i` of the Assumptions panel's table (-20, -15, -10, -5, +5%). */
  scenarioVix(i: number): Locator {
    return this.page.getByTestId(`scenario-vix-${i}`);
  }

  /** Futures beta of row `i` of the Assumptions panel's table. */
  futuresBeta(i: number): Locator {
    return this.page.getByTestId(`futures-beta-${i}`);
  }

  /** Text of every cell of the scenario VIX table, row by row. */
  async scenarioVixRows(): Promise<string[][]> {
    const rows = await this.scenarioVixTable.locator('tbody tr').all();
    const out: string[][] = [];
    for (const row of rows) out.push(await row.locator('th, td').allTextContents());
    return out;
  }
}
