import { expect, type Locator, type Page } from '@playwright/test';
import { AlvhPage } from './AlvhPage';

/** Page object for the ALVH rules panel and the indicator / account inputs. */
export class RulesPanel {
  readonly app: AlvhPage;
  readonly page: Page;
  readonly panel: Locator;
  readonly regimeWord: Locator;
  readonly regimeSelect: Locator;
  readonly quantity: Locator;
  readonly ratio: Locator;
  readonly notional: Locator;
  readonly apply: Locator;
  readonly undo: Locator;
  readonly initials: Locator;
  readonly sign: Locator;
  readonly signatures: Locator;
  readonly reviewFingerprint: Locator;

  constructor(page: Page) {
    this.page = page;
    this.app = new AlvhPage(page);
    this.panel = page.getByTestId('rules-panel');
    this.regimeWord = page.getByTestId('regime-word');
    this.regimeSelect = this.app.input('indicators.regime_override');
    this.quantity = page.getByTestId('sizing-quantity');
    this.ratio = page.getByTestId('sizing-ratio');
    this.notional = page.getByTestId('sizing-notional');
    this.apply = page.getByTestId('sizing-apply');
    this.undo = page.getByTestId('sizing-undo');
    this.initials = page.getByTestId('review-initials');
    this.sign = page.getByTestId('review-sign');
    this.signatures = page.getByTestId('signatures').locator('li');
    this.reviewFingerprint = page.getByTestId('review-fingerprint');
  }

  async open(fragment = ''): Promise<void> {
    await this.app.open(fragment);
    await expect(this.rule('R16')).toBeVisible();
  }

  /** The chip of rule `id` ("R1".."R16"). */
  rule(id: string): Locator {
    return this.page.getByTestId(`rule-${id}`);
  }

  /** The verdict word of rule `id`: pass / warn / fail / info. */
  async verdict(id: string): Promise<string> {
    return (await this.rule(id).getAttribute('data-verdict')) ?? '';
  }

  /** Opens a rule's details (failing and warning rules start open) and returns its sentence. */
  async expand(id: string): Promise<Locator> {
    const open = await this.rule(id).locator('details').evaluate((d) => (d as HTMLDetailsElement).open);
    if (!open) await this.rule(id).locator('summary').click();
    return this.page.getByTestId(`rule-${id}-sentence`);
  }

  /** The text of every hedge leg input (instrument, strike, qty, expiry), in order. */
  async hedgeInputs(): Promise<string[]> {
    const out: string[] = [];
    for (const loc of await this.page.getByTestId('hedge-table').locator('input, select').all()) {
      out.push(await loc.inputValue());
    }
    return out;
  }

  /** Pastes text into a series box and leaves it (commits as a blur does). */
  async pasteSeries(path: string, text: string): Promise<void> {
    const box = this.app.input(path);
    // On a phone the input groups start folded: unfold the one holding the box.
    const group = this.page.getByTestId('group-indicators');
    if ((await group.getAttribute('open')) === null) await group.locator('summary').first().click();
    await box.fill(text);
    await box.press('Tab');
  }
}
