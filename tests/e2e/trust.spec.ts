import { expect, test } from '@playwright/test';
import { AlvhPage } from './pages/AlvhPage';
import { AnalysisPanel } from './pages/AnalysisPanel';
import { TrustChecks, addDays, weekday } from './pages/TrustChecks';

/** Reads a signed dollar text ("+$1,234", "−$56") as a number. */
function dollarsOf(text: string): number {
  const negative = text.includes('−') || text.includes('-');
  const v = Number(text.replace(/[^\d.]/g, ''));
  return negative ? -v : v;
}

// Issue 16 on the page: what a trader reads must mean what it says.
test.describe('numbers a trader can trust (issue 16)', () => {
  test('a fill credit at or above the wider wing is refused at the field; a far one warns', async ({ page }) => {
    const app = new AlvhPage(page);
    const trust = new TrustChecks(page);
    await app.open();
    const risk = await app.figure('defined-risk').textContent();
    await app.setField('condor.fill_credit', '60');
    await expect(app.fieldError('condor.fill_credit')).toContainText('below the wider wing');
    await expect(app.fieldError('condor.fill_credit')).toContainText('50');
    await expect(app.input('condor.fill_credit')).toHaveAttribute('aria-invalid', 'true');
    await expect(app.staleBadge).toBeVisible();
    // Valid but far from the model's bid/ask: used as typed, with a warning beside the field.
    await app.setField('condor.fill_credit', '45');
    await expect(app.fieldError('condor.fill_credit')).toHaveCount(0);
    await expect(trust.fieldWarning('condor.fill_credit')).toBeVisible();
    await expect(trust.fieldWarning('condor.fill_credit')).toContainText(/bid\/ask|model/);
    await expect(app.figure('defined-risk')).not.toHaveText(risk ?? '');
    // Blank: the model's credit, no warning.
    await app.setField('condor.fill_credit', '');
    await expect(trust.fieldWarning('condor.fill_credit')).toHaveCount(0);
    await expect(app.figure('defined-risk')).toHaveText(risk ?? '');
  });

  test('"12,5" is refused with the decimal-point hint and "5,750"-style grouping is accepted', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const credit = await app.figure('credit').textContent();
    await app.setField('condor.put_wing', '12,5');
    await expect(app.fieldError('condor.put_wing')).toContainText('write a point: 12.5');
    // Nothing was read: the figures are those of the 50-point wing.
    await expect(app.figure('credit')).toHaveText(credit ?? '');
    await app.setField('condor.put_wing', '50');
    await expect(app.fieldError('condor.put_wing')).toHaveCount(0);
    // A thousands comma in groups of three is a number: the short put moves 25 points down.
    const shortPut = Number(await app.input('condor.short_put').inputValue());
    const lower = shortPut - 25;
    const grouped = `${Math.floor(lower / 1000)},${String(lower % 1000).padStart(3, '0')}`;
    await app.setField('condor.short_put', grouped);
    await expect(app.fieldError('condor.short_put')).toHaveCount(0);
    await expect(app.input('condor.short_put')).toHaveValue(String(lower));
    await expect(app.figure('credit')).not.toHaveText(credit ?? '');
  });

  test('expiry pickers show each expiration\'s series and settlement', async ({ page }) => {
    const app = new AlvhPage(page);
    const trust = new TrustChecks(page);
    await app.open();
    const spx = await trust.optionTexts(trust.condorPick);
    expect(spx.length).toBeGreaterThan(20);
    for (const o of spx) expect(o).toMatch(/^\d{4}-\d{2}-\d{2} \(\d+ d, .*settled.*\)$/);
    expect(spx.some((o) => o.includes('SPXW, PM-settled'))).toBe(true);
    expect(spx.some((o) => o.includes('SPX monthly, AM-settled'))).toBe(true);
    // The default condor sits on a standard monthly: its option says so.
    const expiry = await app.input('condor.expiry').inputValue();
    const selected = await trust.condorPick.locator('option:checked').textContent();
    expect(selected).toContain(expiry);
    expect(selected).toContain('SPX monthly, AM-settled');
    const vix = await trust.optionTexts(trust.hedgePick);
    expect(vix.some((o) => o.includes('VIX monthly, AM-settled'))).toBe(true);
    expect(vix.some((o) => o.includes('VIX weekly'))).toBe(true);
  });

  test('typed days snap to a real expiration and say which', async ({ page }) => {
    const app = new AlvhPage(page);
    const trust = new TrustChecks(page);
    await app.open();
    const valuation = await app.input('market.valuation_date').inputValue();
    const listed = (await trust.optionTexts(trust.condorPick)).map((o) => o.slice(0, 10));
    // A Saturday is no expiration: the nearest trading day is used, with a note.
    let saturday = 40;
    while (weekday(addDays(valuation, saturday)) !== 6) saturday++;
    await trust.typeCondorDays(saturday);
    await expect(trust.condorDaysNote).toBeVisible();
    await expect(trust.condorDaysNote).toContainText(`${addDays(valuation, saturday)} (T+${saturday}) is not an SPX expiration`);
    const snapped = await app.input('condor.expiry').inputValue();
    expect(snapped).not.toBe(addDays(valuation, saturday));
    expect(listed).toContain(snapped);
    await expect(trust.condorDaysNote).toContainText(snapped);
    // A listed SPXW day is taken as typed, without a note.
    const exact = listed.find((d) => d > addDays(valuation, 20) && d !== snapped)!;
    const exactDays = Math.round((Date.parse(exact) - Date.parse(valuation)) / 86_400_000);
    await trust.typeCondorDays(exactDays);
    await expect(app.input('condor.expiry')).toHaveValue(exact);
    await expect(trust.condorDaysNote).toHaveCount(0);
  });

  test('horizons past the last expiry are refused at the field, naming the date', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    await app.setField('view.risk_horizon_days', '1000');
    await expect(app.fieldError('view.risk_horizon_days')).toContainText(/last leg expires on \d{4}-\d{2}-\d{2}/);
    await app.setField('view.risk_horizon_days', '10');
    await expect(app.fieldError('view.risk_horizon_days')).toHaveCount(0);
    await app.setField('view.horizon_days', '0, 1000');
    await expect(app.fieldError('view.horizon_days')).toContainText(/last leg expires on \d{4}-\d{2}-\d{2}/);
  });

  test('a horizon between the condor\'s and the hedge\'s expiry is labelled condor settled, hedge alive', async ({ page }) => {
    const app = new AlvhPage(page);
    const panel = new AnalysisPanel(page);
    const trust = new TrustChecks(page);
    await app.open();
    const valuation = await app.input('market.valuation_date').inputValue();
    const condorExpiry = await app.input('condor.expiry').inputValue();
    const condorDays = Math.round((Date.parse(condorExpiry) - Date.parse(valuation)) / 86_400_000);
    // Move both hedge legs to a VIX monthly after the condor's expiry.
    const later = (await trust.optionTexts(trust.hedgePick))
      .filter((o) => o.includes('VIX monthly'))
      .map((o) => o.slice(0, 10))
      .find((d) => d > addDays(condorExpiry, 5))!;
    expect(later).toBeTruthy();
    await page.getByTestId('hedge-0-expiry-pick').selectOption(later);
    await page.getByTestId('hedge-1-expiry-pick').selectOption(later);
    await expect(app.input('hedge.legs.1.expiry')).toHaveValue(later);
    await app.setField('view.horizon_days', `0, ${condorDays + 3}`);
    await expect(app.fieldError('view.horizon_days')).toHaveCount(0);
    await expect.poll(() => panel.horizonLabels()).toContainEqual(expect.stringContaining('(condor settled, hedge alive)'));
  });

  test('headline risk figures are labelled at the condor\'s expiry; the risk panel at its own date', async ({ page }) => {
    const app = new AlvhPage(page);
    const trust = new TrustChecks(page);
    await app.open();
    const expiry = await app.input('condor.expiry').inputValue();
    for (const id of ['condor-pop', 'condor-expected', 'condor-cvar', 'combined-pop', 'combined-expected', 'combined-cvar']) {
      await expect(trust.figureNote(id)).toHaveText(`at expiry (${expiry})`);
    }
    const valuation = await app.input('market.valuation_date').inputValue();
    await app.setField('view.risk_horizon_days', '10');
    await expect(trust.riskCaption).toHaveText(`At T+10 days (${addDays(valuation, 10)})`);
    // The headline stays at expiry.
    await expect(trust.figureNote('condor-pop')).toHaveText(`at expiry (${expiry})`);
  });

  test('Greeks: the hedge in SPX-equivalent terms, and the combined row labelled and summed that way', async ({ page }) => {
    const app = new AlvhPage(page);
    const trust = new TrustChecks(page);
    await app.open();
    await expect(trust.greeksHedgeSpx).toContainText('SPX-equivalent');
    await expect(trust.greeksCombined.locator('th')).toContainText('Combined (SPX-equivalent)');
    await expect(trust.combinedBasis).toContainText('SPX-equivalent');
    await expect(trust.scenarioDelta).toHaveText(/^scenario \$ delta [+−]?\$[\d,]+$/);
    const condor = await trust.greekCells(page.getByTestId('greeks-condor'));
    const hedgeSpx = await trust.greekCells(trust.greeksHedgeSpx);
    const combined = await trust.greekCells(trust.greeksCombined);
    // The default hedge is long VIX calls: it adds SPX-equivalent delta, so the combined row
    // is not the condor's.
    expect(dollarsOf(hedgeSpx[0])).not.toBe(0);
    expect(combined[0]).not.toBe(condor[0]);
    // $ delta and $ gamma: condor + hedge (SPX-equivalent), up to display rounding.
    for (const k of [0, 1]) {
      expect(Math.abs(dollarsOf(combined[k]) - dollarsOf(condor[k]) - dollarsOf(hedgeSpx[k]))).toBeLessThanOrEqual(1);
    }
  });

  test('hedge presets take their quantity from the rules unless one is typed', async ({ page }) => {
    const app = new AlvhPage(page);
    const trust = new TrustChecks(page);
    await app.open();
    await expect(trust.presetQty).toHaveValue('');
    await expect(trust.presetQty).toHaveAttribute('placeholder', 'from the rules');
    // The default hedge is sized by R3-R5: the blank preset gives the same quantity.
    const sized = await trust.hedgeQuantities();
    await trust.presetSpread.click();
    await expect(trust.presetError).toHaveCount(0);
    expect(await trust.hedgeQuantities()).toEqual(sized);
    // Twice the condors: about twice the spreads (R5 floors), not a fixed 10.
    const base = Number(sized[0]);
    await app.setField('condor.contracts', '20');
    await trust.presetSpread.click();
    await expect.poll(async () => Number((await trust.hedgeQuantities())[0])).toBeGreaterThanOrEqual(2 * base - 1);
    const doubled = Number((await trust.hedgeQuantities())[0]);
    expect(doubled).toBeLessThanOrEqual(2 * base + 1);
    // A typed quantity wins.
    await trust.presetQty.fill('3');
    await trust.presetSpread.click();
    await expect(app.input('hedge.legs.0.qty')).toHaveValue('3');
    await expect(app.input('hedge.legs.1.qty')).toHaveValue('-3');
  });

  test('a failing rule opens on the change that would pass it', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    // A twentieth of the capital: R13's gross leverage fails.
    await app.setField('account.capital', '50,000');
    const r13 = page.getByTestId('rule-R13');
    await expect(r13).toHaveAttribute('data-verdict', 'fail');
    await expect(page.getByTestId('rule-R13-sentence')).toBeVisible();
    await expect(page.getByTestId('rule-R13-sentence')).toContainText(/R13 passes at \d+ contracts or fewer|no /);
  });

  test('R8 and R11 say what size of hedge would pass them, or that none would', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    // Defaults: the 50-point put wing caps the condor's loss before the band, and a bought
    // hedge has a negative expected P/L, so neither rule can pass by resizing this hedge.
    await expect(page.getByTestId('rule-R8')).toHaveAttribute('data-verdict', 'fail');
    await expect(page.getByTestId('rule-R8-sentence')).toContainText('No size of this hedge passes');
    await expect(page.getByTestId('rule-R11-sentence')).toContainText('No size of this hedge passes: its expected P/L');
    // A 200-point put wing: the core states the range of hedge sizes that put R8's put side in band.
    await app.setField('condor.put_wing', '200');
    await expect(page.getByTestId('rule-R8-sentence')).toContainText(/lands in the band with \d+ to \d+ contracts per hedge leg \(today \d+\)/);
  });
});
