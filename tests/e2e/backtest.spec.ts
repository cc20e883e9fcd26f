import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AlvhPage } from './pages/AlvhPage';
import { BacktestPanel } from './pages/BacktestPanel';

// A finite dollar figure as src/ui/format.rs writes it (non-finite figures read "—").
const DOLLARS = /^[+−]?\$[\d,]+$/;

test.describe('History program backtest (worker)', () => {
  test('the monthly backtest runs to the end in the worker with a moving progress bar', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new AlvhPage(page);
    await app.open();
    const bt = new BacktestPanel(page);
    await bt.mount();
    // The worker's module is not part of the page load: nothing fetched before Run.
    expect(app.requests.filter((u) => u.includes('alvh-worker'))).toEqual([]);
    await bt.recordProgress();
    await bt.run.click();
    await expect(bt.status).toHaveText('Backtest finished.', { timeout: 90_000 });
    expect(app.requests.some((u) => u.endsWith('alvh-worker_loader.js'))).toBe(true);
    expect(app.requests.some((u) => u.endsWith('alvh-worker_bg.wasm'))).toBe(true);

    const values = await bt.progressValues();
    expect(values.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    expect(values[values.length - 1]).toBeGreaterThan(values[0]);

    await expect(bt.note).toContainText('Model-priced from daily SPX and VIX closes');
    for (const col of ['condor', 'combined'] as const) {
      await expect(bt.figure('total', col)).toHaveText(DOLLARS);
      await expect(bt.figure('cvar', col)).toHaveText(DOLLARS);
      await expect(bt.figure('max-drawdown', col)).toHaveText(/^\$[\d,]+ \([\d.]+%\)$/);
      await expect(bt.figure('worst-month', col)).toHaveText(/^\d{4}-\d{2}: [+−]?\$[\d,]+$/);
      await expect(bt.figure('sharpe', col)).toHaveText(/^−?\d+\.\d\d$/);
      await expect(bt.figure('sortino', col)).toHaveText(/^−?\d+\.\d\d$/);
    }
    await expect(page.getByTestId('bt-hedge-share')).toHaveText(/^\d+(\.\d)?%$/);
    const trades = Number(await page.getByTestId('bt-trades').textContent());
    expect(trades).toBeGreaterThan(300); // monthly entries over 1990-2026
    const row2008 = bt.yearRow(2008);
    await expect(row2008).toBeVisible();
    const cells = await row2008.locator('td').allTextContents();
    expect(cells).toHaveLength(6);
    expect(Number(cells[0])).toBeGreaterThan(0);
    for (const c of cells.slice(1)) expect(c).toMatch(DOLLARS);
    // The equity chart is drawn.
    const inked = await page.getByTestId('bt-chart').evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(2000);
    // Accessibility of the panel with its results: no serious or critical axe violations.
    const violations = (await new AxeBuilder({ page }).include('[data-testid="backtest-panel"]').analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`);
    expect(violations).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
    // The README's equity-curve image (docs/history-backtest.png), from the page as built.
    await page.getByTestId('bt-chart').screenshot({ path: 'docs/history-backtest.png' });
  });

  test('a weekly run can be cancelled, the page stays responsive, and a new run works', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new AlvhPage(page);
    await app.open();
    const bt = new BacktestPanel(page);
    await bt.mount();
    await bt.schedule.selectOption('weekly');
    await bt.cancelOnceProgressPasses(1);
    await bt.run.click();
    await expect(bt.status).toHaveText(/^Backtest cancelled after \d+ of \d+ entries\.$/, { timeout: 60_000 });
    const [done, total] = ((await bt.status.textContent()) ?? '').match(/\d+/g)!.map(Number);
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(total);
    expect(total).toBeGreaterThan(1500); // weekly entries over 1990-2026
    await expect(bt.progress).toBeHidden();
    await expect(bt.cancel).toBeHidden();
    // No result arrives later from the terminated worker.
    await page.waitForTimeout(1500);
    await expect(bt.status).toHaveText(/^Backtest cancelled/);
    await expect(bt.years.locator('tbody tr')).toHaveCount(0);

    // The main page still answers: an input edit redraws the P/L chart.
    const before = await app.canvasHash();
    const shortPut = Number(await app.input('condor.short_put').inputValue());
    await app.setField('condor.short_put', String(shortPut - 100));
    await expect.poll(() => app.canvasHash()).not.toBe(before);

    // A new run (monthly) goes to the end in a fresh worker.
    await bt.schedule.selectOption('monthly');
    await bt.run.click();
    await expect(bt.status).toHaveText('Backtest finished.', { timeout: 90_000 });
    await expect(bt.yearRow(2008)).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('settings show field errors in label and units and block the run (phone width)', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new AlvhPage(page);
    await app.open();
    const bt = new BacktestPanel(page);
    await bt.mount();
    // The panel fits the phone's width (its wide tables scroll inside their own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('bt-first').fill('2008-13-01');
    await expect(page.getByTestId('bt-first-error')).toHaveText(/First entry \(YYYY-MM-DD\)/);
    await expect(bt.run).toBeDisabled();
    await page.getByTestId('bt-first').fill('2008-01-02');
    await expect(bt.run).toBeEnabled();
    await page.getByTestId('bt-target').fill('0');
    await expect(page.getByTestId('bt-target-error')).toHaveText(/Profit target \(× credit\)/);
    await expect(bt.run).toBeDisabled();
    await page.getByTestId('bt-target-on').uncheck();
    await expect(page.getByTestId('bt-target-error')).toBeHidden();
    await expect(bt.run).toBeEnabled();
    expect(app.consoleErrors).toEqual([]);
  });
});
