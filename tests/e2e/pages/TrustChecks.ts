import { type Locator, type Page } from '@playwright/test';

/**
 * Page object for what issue 16 ("numbers a trader can trust") shows on the page: field
 * warnings, expiry pickers with settlement and snapping, horizon limits, the headline's
 * date, the Greeks table's SPX-equivalent rows and the hedge presets' quantity.
 */
export class TrustChecks {
  readonly page: Page;
  readonly condorPick: Locator;
  readonly condorDays: Locator;
  readonly condorDaysNote: Locator;
  readonly hedgePick: Locator;
  readonly greeksHedgeSpx: Locator;
  readonly greeksCombined: Locator;
  readonly combinedBasis: Locator;
  readonly scenarioDelta: Locator;
  readonly presetQty: Locator;
  readonly presetSpread: Locator;
  readonly presetError: Locator;
  readonly riskCaption: Locator;

  constructor(page: Page) {
    this.page = page;
    this.condorPick = page.getByTestId('condor-expiry-pick');
    this.condorDays = page.getByTestId('condor-expiry-days');
    this.condorDaysNote = page.getByTestId('condor-expiry-days-note');
    this.hedgePick = page.getByTestId('hedge-0-expiry-pick');
    this.greeksHedgeSpx = page.getByTestId('greeks-hedge-spx');
    this.greeksCombined = page.getByTestId('greeks-combined');
    this.combinedBasis = page.getByTestId('greeks-combined-basis');
    this.scenarioDelta = page.getByTestId('greeks-scenario-delta');
    this.presetQty = page.getByTestId('preset-hedge-qty');
    this.presetSpread = page.getByTestId('preset-hedge-spread');
    this.presetError = page.getByTestId('preset-hedge-error');
    this.riskCaption = page.getByTestId('risk-caption');
  }

  /** The warning notice beside a field (Report.warnings), e.g. `condor.fill_credit`. */
  fieldWarning(path: string): Locator {
    return this.page.getByTestId(`warning-${path.replace(/\./g, '-')}`);
  }

  /** The note under a headline figure, e.g. note('condor-pop'). */
  figureNote(id: string): Locator {
    return this.page.getByTestId(`fig-${id}-note`);
  }

  /** Texts of a picker's dated options ("2027-01-15 (42 d, SPX monthly, AM-settled ...)"). */
  async optionTexts(pick: Locator): Promise<string[]> {
    const all = await pick.locator('option').allTextContents();
    return all.filter((o) => /^\d{4}-\d{2}-\d{2} /.test(o));
  }

  /** Types days into the condor's days box and commits them. */
  async typeCondorDays(days: number): Promise<void> {
    await this.condorDays.fill(String(days));
    await this.condorDays.press('Tab');
  }

  /** The five Greek cells of a totals row as text ($ delta, $ gamma, vega, theta, rho). */
  async greekCells(row: Locator): Promise<string[]> {
    return row.locator('td.num').allTextContents();
  }

  /** The hedge legs' quantities as typed in the hedge cards. */
  async hedgeQuantities(): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < 8; i++) {
      const input = this.page.getByTestId(`input-hedge-legs-${i}-qty`);
      if ((await input.count()) === 0) break;
      out.push(await input.inputValue());
    }
    return out;
  }
}

/** A date `days` calendar days after an ISO date, as ISO (UTC arithmetic). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Day of the week of an ISO date, 0 = Sunday. */
export function weekday(iso: string): number {
  return new Date(`${iso}T12:00:00Z`).getUTCDay();
}
