import { expect, test } from '@playwright/test';
import { AlvhPage } from './pages/AlvhPage';
import { AnalysisPanel } from './pages/AnalysisPanel';
import { parseFigure } from './pages/MarketPanel';

test.describe('analysis panels', () => {
  test('risk figures carry units, and the stress toggle changes CVaR', async ({ page }) => {
    const app = new AlvhPage(page);
    const panel = new AnalysisPanel(page);
    await app.open();
    await expect(panel.risk('pop', 'combined')).toHaveText(/^\d+(\.\d)?%$/);
    await expect(panel.risk('expected', 'condor')).toHaveText(/^[+−]?\$[\d,]+$/);
    // VaR and CVaR are positive dollar losses, as in the Key figures.
    await expect(panel.risk('var95', 'condor')).toHaveText(/^\$[\d,]+$/);
    const cvar = await panel.risk('cvar95', 'combined').textContent();
    const cvarCondor = await panel.risk('cvar95', 'condor').textContent();
    expect(cvar).toMatch(/^−?\$[\d,]+$/);

    await expect(panel.stressToggle).not.toBeChecked();
    await panel.stressToggle.check();
    await expect(page.getByTestId('risk-distribution')).toContainText('Merton jumps');
    await expect(panel.risk('cvar95', 'condor')).not.toHaveText(cvarCondor ?? '');
    await expect(panel.risk('cvar95', 'combined')).not.toHaveText(cvar ?? '');

    await panel.stressToggle.uncheck();
    await expect(panel.risk('cvar95', 'combined')).toHaveText(cvar ?? '');

    // The risk horizon is editable and named in the table caption.
    await app.setField('view.risk_horizon_days', '10');
    await expect(page.getByTestId('risk-table')).toContainText('T+10 days');
    await expect(panel.risk('cvar95', 'combined')).not.toHaveText(cvar ?? '');

    // Hedge efficiency: cost as % of credit and the gap rows.
    await expect(page.getByTestId('eff-cost-ratio')).toHaveText(/^\d+(\.\d)?% of credit$/);
    await expect(page.getByTestId('eff-pays-below')).toContainText('SPX');
    await expect(page.locator('[data-testid^="gap-row-"]')).toHaveCount(6);
    await expect(page.getByTestId('gap-condor-2')).toHaveText(/^−\$[\d,]+$/);
  });

  test('a market preset changes VIX and the figures', async ({ page }) => {
    const app = new AlvhPage(page);
    const panel = new AnalysisPanel(page);
    await app.open();
    const vix = await app.input('market.vix').inputValue();
    const credit = await app.figure('credit').textContent();
    const pop = await panel.risk('pop', 'condor').textContent();
    expect(vix).not.toBe('32');

    await page.getByTestId('preset-market-stressed').click();
    await expect(app.input('market.vix')).toHaveValue('32');
    await expect(app.figure('credit')).not.toHaveText(credit ?? '');
    await expect(panel.risk('pop', 'condor')).not.toHaveText(pop ?? '');
    await expect(panel.stressToggle).toBeChecked();

    await page.getByTestId('preset-market-calm').click();
    await expect(app.input('market.vix')).toHaveValue(vix);
    await expect(panel.stressToggle).not.toBeChecked();
  });

  test('the Greeks chart renders and follows the configuration', async ({ page }) => {
    const app = new AlvhPage(page);
    const panel = new AnalysisPanel(page);
    await app.open();
    await panel.greeksChart.scrollIntoViewIfNeeded();
    await expect.poll(() => panel.nonBlankPixels(panel.greeksChart)).toBeGreaterThan(5000);
    await expect(panel.greeksChart).toHaveAttribute('aria-label', /at T\+0/);
    const before = await panel.canvasHash(panel.greeksChart);
    await app.setField('condor.short_call', String(Number(await app.input('condor.short_call').inputValue()) + 50));
    await expect.poll(() => panel.canvasHash(panel.greeksChart)).not.toBe(before);

    await page.getByTestId('greeks-chart-toggle').click();
    await expect(panel.greeksChart).toBeHidden();
    await page.getByTestId('greeks-chart-toggle').click();
    await expect(panel.greeksChart).toBeVisible();
    await expect.poll(() => panel.nonBlankPixels(panel.greeksChart)).toBeGreaterThan(5000);
  });

  test('hedge presets replace the hedge legs', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const cost = await app.figure('hedge-cost').textContent();

    await page.getByTestId('preset-hedge-qty').fill('6');
    await page.getByTestId('preset-hedge-calendar').click();
    await expect(page.locator('[data-testid^="hedge-row-"]')).toHaveCount(2);
    await expect(app.input('hedge.legs.0.qty')).toHaveValue('-6');
    await expect(app.input('hedge.legs.1.qty')).toHaveValue('6');
    const near = await app.input('hedge.legs.0.expiry').inputValue();
    const far = await app.input('hedge.legs.1.expiry').inputValue();
    expect(far > near).toBe(true);
    await expect(app.input('hedge.legs.0.strike')).toHaveValue(await app.input('hedge.legs.1.strike').inputValue());
    await expect(app.figure('hedge-cost')).not.toHaveText(cost ?? '');

    await page.getByTestId('preset-hedge-spread').click();
    await expect(app.input('hedge.legs.0.qty')).toHaveValue('6');
    await expect(app.input('hedge.legs.1.qty')).toHaveValue('-6');
    const low = Number(await app.input('hedge.legs.0.strike').inputValue());
    const high = Number(await app.input('hedge.legs.1.strike').inputValue());
    expect(high - low).toBe(5);

    await page.getByTestId('preset-hedge-qty').fill('0');
    await page.getByTestId('preset-hedge-calendar').click();
    await expect(page.getByTestId('preset-hedge-error')).toBeVisible();
    await expect(app.input('hedge.legs.1.qty')).toHaveValue('-6');
  });

  test('condor by target delta re-strikes the shorts', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const put = Number(await app.input('condor.short_put').inputValue());
    const call = Number(await app.input('condor.short_call').inputValue());
    await page.getByTestId('preset-put-delta').fill('0.08');
    await page.getByTestId('preset-call-delta').fill('0.08');
    await page.getByTestId('preset-put-wing').fill('30');
    await page.getByTestId('preset-condor-delta').click();
    await expect.poll(async () => Number(await app.input('condor.short_put').inputValue())).toBeLessThan(put);
    await expect.poll(async () => Number(await app.input('condor.short_call').inputValue())).toBeGreaterThan(call);
    await expect(app.input('condor.put_wing')).toHaveValue('30');

    await page.getByTestId('preset-put-delta').fill('0.7');
    await page.getByTestId('preset-condor-delta').click();
    await expect(page.getByTestId('preset-delta-error')).toContainText('between 0 and 0.5');
  });

  test('assumptions list and the fitted futures curve', async ({ page }) => {
    const app = new AlvhPage(page);
    const panel = new AnalysisPanel(page);
    await app.open();
    const items = page.getByTestId('assumptions-list').locator('li');
    expect(await items.count()).toBeGreaterThan(2);
    await expect(page.getByTestId('curve-kappa')).toHaveText(/^[\d.,]+ \/yr$/);
    await expect(page.getByTestId('curve-theta')).toHaveText(/^[\d.,]+ VIX pts$/);
    await expect(page.getByTestId('curve-rmse')).toHaveText(/^[\d.,]+ VIX pts$/);
    await panel.curveChart.scrollIntoViewIfNeeded();
    await expect.poll(() => panel.nonBlankPixels(panel.curveChart)).toBeGreaterThan(2000);
    const before = await panel.canvasHash(panel.curveChart);
    const theta = await page.getByTestId('curve-theta').textContent();
    await page.getByTestId('preset-market-stressed').click();
    await expect(page.getByTestId('curve-theta')).not.toHaveText(theta ?? '');
    await expect.poll(() => panel.canvasHash(panel.curveChart)).not.toBe(before);
    expect(app.consoleErrors).toEqual([]);
  });

  test('implied vol from a typed price round-trips the model and can become the override', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const row = page.getByTestId('iv-row-1');
    const modelPrice = await row.locator('td').nth(0).textContent();
    const modelIv = parseFloat((await row.locator('td').nth(1).textContent()) ?? '');
    expect(modelIv).toBeGreaterThan(1);
    const result = page.getByTestId('iv-result-1');
    await expect(result).toHaveText('—');
    await expect(page.getByTestId('iv-apply-1')).toBeDisabled();

    // The model's own price gives back the model's vol (to display rounding).
    await page.getByTestId('iv-price-1').fill((modelPrice ?? '').replace(/,/g, ''));
    await expect(result).toHaveText(/^[\d.]+%$/);
    expect(Math.abs(parseFloat((await result.textContent()) ?? '') - modelIv)).toBeLessThan(0.05);

    // A richer price implies a higher vol; keeping it changes the leg's IV in the Greeks table.
    const richer = (parseFloat((modelPrice ?? '').replace(/,/g, '')) * 1.5).toFixed(2);
    await page.getByTestId('iv-price-1').fill(richer);
    await expect.poll(async () => parseFloat((await result.textContent()) ?? '')).toBeGreaterThan(modelIv + 0.1);
    const implied = parseFloat((await result.textContent()) ?? '');
    const greeksIv = page.getByTestId('greeks-leg-1').locator('td').nth(2);
    const ivNow = async () => parseFloat((await greeksIv.textContent()) ?? '');
    expect(Math.abs((await ivNow()) - implied)).toBeGreaterThan(0.1);
    await page.getByTestId('iv-apply-1').click();
    await expect.poll(async () => Math.abs((await ivNow()) - implied)).toBeLessThan(0.06);

    // A negative price is an error, not a number.
    await page.getByTestId('iv-price-1').fill('-1');
    await expect(result).toContainText('✖');
    await expect(page.getByTestId('iv-apply-1')).toBeDisabled();
  });
  // Issue 16 (spec §9): the SPX picker now lists SPXW expirations (every trading day over the
  // next 60 days, PM-settled) beside the AM-settled monthlies, each with its settlement, and
  // typed days snap to a real expiration (a weekend is no longer accepted as typed). The
  // old expectations (exactly 10 monthlies, typed days taken literally) encoded the bug.
  test('real expiries and typed days set the condor and hedge expiries', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const expiry = app.input('condor.expiry');
    const pick = page.getByTestId('condor-expiry-pick');
    // The picker lists real expirations with their days, series and settlement.
    const options = (await pick.locator('option').allTextContents()).filter((o) => /^\d{4}-/.test(o));
    for (const o of options) expect(o).toMatch(/^\d{4}-\d{2}-\d{2} \(\d+ d, .+\)$/);
    const monthlies = options.filter((o) => o.includes('SPX monthly'));
    expect(monthlies.length).toBeGreaterThanOrEqual(10);
    expect(options.length).toBeGreaterThan(monthlies.length);
    const before = await expiry.inputValue();
    const other = monthlies.find((o) => !o.startsWith(before))!;
    const otherDate = other.slice(0, 10);
    await pick.selectOption(otherDate);
    await expect(expiry).toHaveValue(otherDate);
    // A monthly is a third Friday (or the Thursday before a holiday).
    const weekday = new Date(`${otherDate}T12:00:00Z`).getUTCDay();
    expect([4, 5]).toContain(weekday);
    // Every listed date is a weekday.
    for (const o of options) expect([1, 2, 3, 4, 5]).toContain(new Date(`${o.slice(0, 10)}T12:00:00Z`).getUTCDay());
    // Typing days sets the expiration that many calendar days after the valuation date when
    // it is one, else the nearest listed one.
    const valuation = await app.input('market.valuation_date').inputValue();
    await page.getByTestId('condor-expiry-days').fill('30');
    await page.getByTestId('condor-expiry-days').press('Tab');
    const typed = new Date(Date.parse(`${valuation}T00:00:00Z`) + 30 * 86400000).toISOString().slice(0, 10);
    const dates = options.map((o) => o.slice(0, 10));
    const distance = (d: string) => Math.abs(Date.parse(d) - Date.parse(typed));
    const nearest = Math.min(...dates.map(distance));
    const candidates = dates.filter((d) => distance(d) === nearest);
    await expect(expiry).toHaveValue(new RegExp(`^(${candidates.join('|')})$`));
    const expected = await expiry.inputValue();
    // Bad days text shows a message and leaves the date alone.
    await page.getByTestId('condor-expiry-days').fill('soon');
    await page.getByTestId('condor-expiry-days').press('Tab');
    await expect(page.getByTestId('condor-expiry-days-error')).toBeVisible();
    await expect(expiry).toHaveValue(expected);
    // Hedge legs offer VIX expirations: the next 10 monthlies and six weeks of weeklies.
    const vixOptions = (await page.getByTestId('hedge-0-expiry-pick').locator('option').allTextContents()).filter((o) => /^\d{4}-/.test(o));
    expect(vixOptions.filter((o) => o.includes('VIX monthly')).length).toBe(10);
    expect(vixOptions.some((o) => o.includes('VIX weekly'))).toBe(true);
  });
  test('a raw SVI slice can replace the smile, and a bad one is refused beside it', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    await page.getByTestId('smile-inputs').locator('summary').click();
    const credit = app.figure('credit');
    const before = await credit.textContent();
    await page.getByTestId('input-smile-svi').check();
    await expect(app.input('market.smile.svi.rho')).toHaveValue(/-0\.6/);
    await expect(credit).not.toHaveText(before ?? '');
    await app.setField('market.smile.svi.rho', '1.5');
    await expect(page.getByTestId('error-smile-svi')).toBeVisible();
    await expect(page.getByTestId('stale-badge')).toBeVisible();
    await app.setField('market.smile.svi.rho', '-0.5');
    await expect(page.getByTestId('error-smile-svi')).toHaveCount(0);
    await page.getByTestId('input-smile-svi').uncheck();
    await expect(credit).toHaveText(before ?? '');
  });
  test('typing an IV override shows the leg price at that vol', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const row = page.getByTestId('iv-row-1');
    const priceBefore = await row.locator('td').first().textContent();
    await app.setField('condor.iv_overrides.1', '30');
    await expect(row.locator('td').nth(1)).toHaveText('30.00%');
    await expect(row.locator('td').first()).not.toHaveText(priceBefore ?? '');
    await app.setField('condor.iv_overrides.1', '-5');
    await expect(app.fieldError('condor.iv_overrides.1')).toBeVisible();
  });

  test('the price x date table gives the combined P/L of the curves at SPX levels by date, copyable', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const table = page.getByTestId('pd-table');
    await expect(table.locator('tbody tr')).toHaveCount(11);
    const report = await page.evaluate(() => {
      const api = (window as any).wasmBindings;
      return api.evaluate(JSON.parse(localStorage.getItem('alvh.config.v1') ?? 'null'));
    });
    const spots: number[] = report.curves.spots;
    const columns = report.curves.horizons.filter((h: any) => !h.is_slider);
    const head = await table.locator('thead th').allTextContents();
    expect(head).toEqual(['SPX', ...columns.map((h: any) => h.label)]);
    for (let r = 0; r < 11; r++) {
      const cells = await page.getByTestId(`pd-row-${r}`).locator('th, td').allTextContents();
      const level = parseFigure(cells[0]);
      const i = spots.findIndex((s) => Math.abs(s - level) < 0.06);
      expect(i, `level ${cells[0]} is a grid node`).toBeGreaterThanOrEqual(0);
      columns.forEach((h: any, c: number) => {
        expect(Math.abs(parseFigure(cells[c + 1]) - h.pnl.combined[i])).toBeLessThanOrEqual(0.5);
      });
    }
    // Highest level first; the middle row is S0.
    const first = parseFigure(await page.getByTestId('pd-row-0').locator('th').textContent());
    const middle = parseFigure(await page.getByTestId('pd-row-5').locator('th').textContent());
    expect(first).toBeGreaterThan(middle);
    expect(Math.abs(middle - spots[report.curves.spot_index])).toBeLessThan(0.06);
    // Copy writes a header and one tab-separated line per level.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('pd-copy').click();
    await expect(page.getByTestId('pd-copy-status')).toHaveText('Copied 11 rows.');
    const tsv: string = await page.evaluate(() => navigator.clipboard.readText());
    const lines = tsv.trim().split('\n');
    expect(lines.length).toBe(12);
    expect(lines[0].split('\t')).toEqual(head);
    // An edit that moves the curves moves the table.
    const before = await page.getByTestId('pd-row-0').locator('td').first().textContent();
    await app.setField('market.vix', '30');
    await expect(page.getByTestId('pd-row-0').locator('td').first()).not.toHaveText(before ?? '');
    expect(app.consoleErrors).toEqual([]);
  });
});
