import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AlvhPage } from './pages/AlvhPage';
import { MarketPanel, parseFigure } from './pages/MarketPanel';

// Issue 17 on the page: spot VIX moves the futures quotes unless locked, the new scenario and
// vol-of-vol parameters, an old link read in the first revision's form, and the Assumptions
// panel's model VIX per SPX move and futures beta per tenor.

test.describe('one market, calibrated (issue 17)', () => {
  test('raising VIX from 16 to 30 moves the listed quotes and raises the hedge cost', async ({ page }) => {
    const app = new AlvhPage(page);
    const market = new MarketPanel(page);
    await app.open();
    await expect(app.input('market.vix')).toHaveValue('16');
    await expect(market.lock).not.toBeChecked();
    const before = await market.quotes();
    expect(before.length).toBeGreaterThan(1);
    const cost = parseFigure(await app.figure('hedge-cost').textContent());

    await app.setField('market.vix', '30');
    await expect.poll(async () => (await market.quotes())[0]).toBeGreaterThan(before[0] + 1);
    const after = await market.quotes();
    // Every quote moves up, the near one most (beta falls with the tenor, spec §4.3).
    after.forEach((q, i) => expect(q, `quote ${i}`).toBeGreaterThan(before[i]));
    expect(after[0] - before[0]).toBeGreaterThan(after[after.length - 1] - before[before.length - 1]);
    await expect
      .poll(async () => parseFigure(await app.figure('hedge-cost').textContent()))
      .toBeGreaterThan(cost);
    await expect(market.futuresWarning).toHaveCount(0);

    // The shown quotes are what an edit keeps: typing one quote leaves the others where they stand.
    const typed = (after[1] + 1).toFixed(2);
    await app.setField('market.futures.1.price', typed);
    await expect.poll(() => market.quotes()).toEqual([after[0], Number(typed), ...after.slice(2)]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('a locked curve keeps its quotes when VIX moves and says it contradicts spot', async ({ page }) => {
    const app = new AlvhPage(page);
    const market = new MarketPanel(page);
    await app.open();
    const before = await market.quotes();
    const cost = await app.figure('hedge-cost').textContent();
    await market.lock.check();
    await expect(market.futuresWarning).toHaveCount(0);

    await app.setField('market.vix', '30');
    await expect(market.futuresWarning).toBeVisible();
    await expect(market.futuresWarning).toContainText(/VIX|spot/i);
    expect(await market.quotes()).toEqual(before);
    // The hedge is priced on the locked quotes: its cost does not follow spot VIX up.
    await expect(app.figure('hedge-cost')).toHaveText(cost ?? '');

    // Unlocking keeps the quotes where they stand (rebased at VIX 30), then they follow spot.
    await market.lock.uncheck();
    await expect(market.futuresWarning).toHaveCount(0);
    expect(await market.quotes()).toEqual(before);
    await app.setField('market.vix', '35');
    await expect.poll(async () => (await market.quotes())[0]).toBeGreaterThan(before[0]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('the scenario and vol-of-vol fields change the figures', async ({ page }) => {
    const app = new AlvhPage(page);
    const market = new MarketPanel(page);
    await app.open();
    await expect(app.input('scenario.level_damping')).toHaveValue('0.85');
    await expect(app.input('scenario.futures_beta_floor')).toHaveValue('0.21');
    await expect(app.input('scenario.futures_beta_kappa')).toHaveValue('7.6');

    // Level damping: at VIX 16 the damping factor is 1, so it shows from another VIX level.
    await app.setField('market.vix', '25');
    await expect(market.scenarioVix(2)).not.toHaveText('');
    const damped = await market.scenarioVix(2).textContent();
    const delta = await app.figure('scenario-delta').textContent();
    await app.setField('scenario.level_damping', '0');
    await expect(market.scenarioVix(2)).not.toHaveText(damped ?? '');
    expect(parseFigure(await market.scenarioVix(2).textContent())).toBeGreaterThan(parseFigure(damped));
    await expect(app.figure('scenario-delta')).not.toHaveText(delta ?? '');

    // Futures beta floor and decay: the beta table beside the curve, and the hedge's cost.
    const beta0 = await market.futuresBeta(0).textContent();
    const betaLast = await market.futuresBetaTable.locator('tbody tr').last().locator('td').textContent();
    await app.setField('scenario.futures_beta_floor', '0.5');
    await expect(market.futuresBetaTable.locator('tbody tr').last().locator('td')).not.toHaveText(betaLast ?? '');
    await app.setField('scenario.futures_beta_kappa', '2');
    await expect(market.futuresBeta(0)).not.toHaveText(beta0 ?? '');

    // Vol-of-vol: the VIX call skew and the two term exponents price the hedge's options.
    await market.openSmile();
    for (const [path, value] of [
      ['market.vov.skew', '2'],
      ['market.vov.term_exponent', '0'],
      ['market.vov.skew_term_exponent', '0'],
    ]) {
      const cost = await app.figure('hedge-cost').textContent();
      await app.setField(path, value);
      await expect(app.fieldError(path)).toHaveCount(0);
      await expect(app.figure('hedge-cost'), path).not.toHaveText(cost ?? '');
    }
    // A value out of range is refused beside its field.
    await app.setField('scenario.level_damping', '-5');
    await expect(app.fieldError('scenario.level_damping')).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('an old link is read in the first revision form and says so beside the smile', async ({ page }) => {
    const fragment = readFileSync('tests/data/links/old-8780764.txt', 'utf8').trim();
    const app = new AlvhPage(page);
    const market = new MarketPanel(page);
    await app.open(fragment);
    await expect(market.smileNotice).toBeVisible();
    await expect(market.smileNotice).not.toHaveText('');
    // Its curve keeps the quotes it carried (locked) and responds as it did then.
    await expect(market.lock).toBeChecked();
    await expect(market.futuresNotice).toBeVisible();
    // The spread it carries is shown (and only then); its absolute smile in vol points.
    await expect(app.input('market.vix_atm_spread')).toHaveValue('2');
    await market.openSmile();
    await expect(app.input('market.smile.slope')).toHaveValue('-3.2');
    await expect(page.getByText('first-revision form, per std. dev.)')).toBeVisible();

    expect(app.consoleErrors).toEqual([]);
  });

  test('a fresh page has no smile notice, no spread field, and the relative smile', async ({ page }) => {
    const app = new AlvhPage(page);
    const market = new MarketPanel(page);
    await app.open();
    await expect(market.smileNotice).toHaveCount(0);
    await expect(market.futuresNotice).toHaveCount(0);
    await expect(app.input('market.vix_atm_spread')).toHaveCount(0);
    await market.openSmile();
    await expect(app.input('market.smile.slope')).toHaveValue('-0.24');
    await expect(app.input('market.smile.curvature')).toHaveValue('0.05');
    await expect(page.getByText('Smile slope s (relative to ATM, per std. dev.)')).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test("the Assumptions panel shows history's VIX median and band beside the model's", async ({ page }) => {
    const app = new AlvhPage(page);
    const market = new MarketPanel(page);
    await app.open();
    const history = async () => (await market.scenarioVixRows()).map((r) => [r[0], r[2], r[3]]);
    // Rows -20, -15, -10, -5, +5%. From VIX 16 the spec quotes history's medians: -15% 44
    // (41-48), -5% 21.4, +5% 14.0; -20% never happened from VIX 12-20 within 10 days.
    const at16 = await history();
    expect(at16[0][1]).toBe('no window');
    expect(Math.abs(parseFigure(at16[1][1]) - 44)).toBeLessThan(1);
    expect(at16[1][2]).toMatch(/^4\d\.\d–4\d\.\d \(n=2, ±2%\)$/);
    expect(Math.abs(parseFigure(at16[3][1]) - 21.4)).toBeLessThan(0.3);
    expect(Math.abs(parseFigure(at16[4][1]) - 14.0)).toBeLessThan(0.3);
    await expect(page.getByTestId('history-vix-note')).toContainText('1990-01-02 to 2026-07-07');
    // History's ratios scale with the configuration's VIX.
    await app.setField('market.vix', '20');
    await expect(page.getByTestId('history-vix-3')).not.toHaveText(at16[3][1]);
    const at20 = await history();
    expect(parseFigure(at20[3][1]) / parseFigure(at16[3][1])).toBeCloseTo(20 / 16, 1);
    expect(app.consoleErrors).toEqual([]);
  });

  test('the Assumptions panel lists the model VIX per SPX move and beta per tenor', async ({ page }) => {
    const app = new AlvhPage(page);
    const market = new MarketPanel(page);
    await app.open();
    const report = await page.evaluate(() => {
      const api = (window as any).wasmBindings;
      return api.evaluate(JSON.parse(localStorage.getItem('alvh.config.v1') ?? 'null'));
    });
    const moves: [number, number][] = report.market.scenario_vix_by_move;
    expect(moves.map(([m]) => m)).toEqual([-0.2, -0.15, -0.1, -0.05, 0.05]);
    const rows = (await market.scenarioVixRows()).map((r) => r.slice(0, 2));
    expect(rows).toEqual(
      moves.map(([m, vix]) => [
        `${m > 0 ? '+' : '−'}${Math.round(Math.abs(m) * 100)}%`,
        vix.toFixed(1),
      ]),
    );
    // Falls raise VIX, the deeper the more; a rally lowers it.
    const values = rows.map((r) => parseFigure(r[1]));
    for (let i = 1; i < 4; i++) expect(values[i - 1]).toBeGreaterThan(values[i]);
    expect(values[3]).toBeGreaterThan(16);
    expect(values[4]).toBeLessThan(16);

    const betas: [number, number][] = report.market.futures_beta_by_tenor;
    expect(betas.length).toBeGreaterThan(2);
    for (let i = 0; i < betas.length; i++) {
      await expect(market.futuresBeta(i)).toHaveText(betas[i][1].toFixed(2));
    }

    // The Greeks table shows the hedge's vega in both units: per SPX vol point = per VIX
    // point / ATM ratio (0.85 by default).
    const perVix = parseFigure(await market.hedgeVegaPerVixPoint.textContent());
    const perSpx = parseFigure(await market.hedgeVegaPerSpxVolPoint.textContent());
    expect(perVix).toBe(Math.round(report.hedge_vega_per_vix_point));
    expect(perSpx).toBe(Math.round(report.hedge_vega_per_spx_vol_point));
    expect(Math.abs(perSpx)).toBeGreaterThan(Math.abs(perVix));
    expect(app.consoleErrors).toEqual([]);
  });
});
