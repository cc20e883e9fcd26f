import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AlvhPage } from './pages/AlvhPage';

test.describe('alvh calculator', () => {
  test('default page draws the chart and the figures', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    expect(await app.nonBlankPixels()).toBeGreaterThan(5000);
    await expect(app.fingerprint).toHaveText(/^[0-9a-f]{6,}$/);
    await expect(app.figure('credit')).toHaveText(/^\$[\d,]+$/);
    await expect(app.figure('defined-risk')).toHaveText(/^\$[\d,]+$/);
    await expect(page.getByTestId('greeks-combined')).toBeVisible();
    await expect(page.getByText('SPX level', { exact: false }).first()).toBeAttached();
    await expect(app.staleBadge).toHaveCount(0);
  });

  test('changing a strike changes the figures and the chart', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const before = await app.figures();
    const hashBefore = await app.canvasHash();
    const fpBefore = await app.fingerprint.textContent();
    const shortPut = Number(await app.input('condor.short_put').inputValue());
    await app.setField('condor.short_put', String(shortPut - 100));
    await expect(app.input('condor.short_put')).toHaveValue(String(shortPut - 100));
    await expect(app.fingerprint).not.toHaveText(fpBefore ?? '');
    await expect.poll(() => app.canvasHash()).not.toBe(hashBefore);
    const after = await app.figures();
    expect(after['fig-credit']).not.toBe(before['fig-credit']);
    expect(after['fig-condor-break-evens']).not.toBe(before['fig-condor-break-evens']);
  });

  test('strikes snap to the 5-point grid when the field is left', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const shortCall = Number(await app.input('condor.short_call').inputValue());
    await app.setField('condor.short_call', String(shortCall + 12));
    await expect(app.input('condor.short_call')).toHaveValue(String(shortCall + 10));
  });

  test('a copied link reproduces the same figures in a fresh page', async ({ page, browser }) => {
    const app = new AlvhPage(page);
    await app.open();
    await app.setField('condor.contracts', '7');
    await app.setField('market.vix', '18.5');
    await expect(app.staleBadge).toHaveCount(0);
    const figures = await app.figures();
    const fingerprint = await app.fingerprint.textContent();
    const link = await app.shareLink.inputValue();
    expect(link).toContain('#');
    // The address follows the configuration once the input has been still for 150 ms.
    await expect.poll(() => page.url()).toBe(link);

    const context = await browser.newContext();
    const fresh = new AlvhPage(await context.newPage());
    await fresh.openUrl(link);
    await expect(fresh.fingerprint).toHaveText(fingerprint ?? '');
    expect(await fresh.figures()).toEqual(figures);
    await expect(fresh.input('condor.contracts')).toHaveValue('7');
    await context.close();
  });

  test('invalid input shows a message and the page keeps working', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const credit = await app.figure('credit').textContent();
    const spot = await app.input('market.spot').inputValue();

    // Text that is not a number: message beside the field, config unchanged.
    await app.setField('market.spot', 'abc');
    await expect(app.fieldError('market.spot')).toBeVisible();
    await expect(app.fieldError('market.spot')).toContainText('not a number');
    await expect(app.input('market.spot')).toHaveAttribute('aria-invalid', 'true');
    await expect(app.staleBadge).toHaveCount(0);
    await expect(app.figure('credit')).toHaveText(credit ?? '');

    // A number that fails validation: evaluate's message, last report kept and marked stale.
    await app.setField('condor.put_wing', '-10');
    await expect(app.fieldError('condor.put_wing')).toBeVisible();
    await expect(app.staleBadge).toBeVisible();
    await expect(page.getByTestId('error-summary')).toContainText('Put wing width');
    await expect(page.getByTestId('error-summary')).not.toContainText('condor.put_wing');
    await expect(app.figure('credit')).toHaveText(credit ?? '');
    expect(await app.nonBlankPixels()).toBeGreaterThan(5000);

    // Fixing both brings the page back.
    await app.setField('condor.put_wing', '50');
    await app.setField('market.spot', spot);
    await expect(app.fieldError('market.spot')).toHaveCount(0);
    await expect(app.staleBadge).toHaveCount(0);
    await expect(app.fieldError('condor.put_wing')).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });

  test('no console errors and no request to another origin', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    await app.setField('scenario.vix_shock', '3');
    await expect(app.fingerprint).not.toHaveText('—');
    const origin = new URL(page.url()).origin;
    const foreign = app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('the date slider adds a curve and the horizon list is editable', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const rows = page.locator('[data-testid^="horizon-row-"]');
    const before = await rows.count();
    const hash = await app.canvasHash();
    await page.getByTestId('toggle-slider').check();
    await expect(rows).toHaveCount(before + 1);
    await expect(page.getByTestId('slider-days')).toHaveText(/^T\+\d+d$/);
    await expect.poll(() => app.canvasHash()).not.toBe(hash);

    await app.setField('view.horizon_days', '0, 10');
    await expect(rows).toHaveCount(2 + 2); // two horizons + slider + expiry
    await app.setField('view.horizon_days', '0, ten');
    await expect(app.fieldError('view.horizon_days')).toContainText('ten');
    await expect(rows).toHaveCount(4);
  });

  test('futures and hedge legs can be added and removed', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const futures = page.locator('[data-testid^="future-row-"]');
    const legs = page.locator('[data-testid^="hedge-row-"]');
    const [nFutures, nLegs] = [await futures.count(), await legs.count()];
    const fingerprint = await app.fingerprint.textContent();

    await page.getByTestId('add-future').click();
    await expect(futures).toHaveCount(nFutures + 1);
    await page.getByTestId('add-hedge-leg').click();
    await expect(legs).toHaveCount(nLegs + 1);
    await expect(app.fingerprint).not.toHaveText(fingerprint ?? '');

    // The added leg copies the last one; removing the first leaves the second in its place.
    const secondStrike = await app.input('hedge.legs.1.strike').inputValue();
    await page.getByTestId('remove-hedge-0').click();
    await expect(legs).toHaveCount(nLegs);
    await expect(app.input('hedge.legs.0.strike')).toHaveValue(secondStrike);
    await page.getByRole('button', { name: `Remove future ${nFutures + 1}` }).click();
    await expect(futures).toHaveCount(nFutures);
    await expect(page.getByTestId('group-hedge-key')).toContainText(`${nLegs} leg`);
    expect(app.consoleErrors).toEqual([]);
  });

  test('embed mode shows the chart and key figures only', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const link = await app.shareLink.inputValue();
    const credit = await app.figure('credit').textContent();
    await expect(page.getByTestId('embed-snippet')).toHaveValue(/<iframe src="[^"]+&embed=1"/);
    const embed = new AlvhPage(page);
    await embed.openUrl(`${link}&embed=1`);
    await page.reload();
    await embed.waitForReport();
    await expect(page.locator('aside.inputs')).toBeHidden();
    await expect(page.getByTestId('greeks-table')).toBeHidden();
    await expect(embed.figure('credit')).toHaveText(credit ?? '');
  });

  test('a damaged link falls back to the defaults with a notice', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open('c=1.not-a-real-payload');
    await expect(page.getByTestId('notices')).toBeVisible();
    await expect(page.getByTestId('notices')).toContainText('link');
    expect(await app.nonBlankPixels()).toBeGreaterThan(5000);
    expect(app.consoleErrors).toEqual([]);
  });

  test('the last configuration survives a reload; a corrupt stored one is discarded', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    await app.setField('condor.contracts', '9');
    await expect(app.staleBadge).toHaveCount(0);
    const fingerprint = await app.fingerprint.textContent();
    await page.goto('/');
    await app.waitForReport();
    await expect(app.input('condor.contracts')).toHaveValue('9');
    await expect(app.fingerprint).toHaveText(fingerprint ?? '');

    await page.evaluate(() => localStorage.setItem('alvh.config.v1', '{not json'));
    await page.goto('/');
    await app.waitForReport();
    await expect(page.getByTestId('notices')).toContainText('stored configuration');
    await expect(app.input('condor.contracts')).toHaveValue('10');
    expect(app.consoleErrors).toEqual([]);
  });

  test('the JavaScript API evaluates a config object and names invalid fields', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const result = await page.evaluate(() => {
      const api = (window as any).wasmBindings;
      const config = api.defaultConfig('2026-11-24');
      const report = api.evaluate(config);
      config.condor.short_call = config.condor.short_put - 10;
      let fields: string[] = [];
      try {
        api.evaluate(config);
      } catch (e: any) {
        fields = (e.fields ?? []).map((f: any) => f.field);
      }
      return { fingerprint: report.fingerprint, horizons: report.curves.horizons.length, fields };
    });
    expect(result.fingerprint).toMatch(/^[0-9a-f]{6,}$/);
    expect(result.horizons).toBeGreaterThanOrEqual(3);
    expect(result.fields.length).toBeGreaterThan(0);
    expect(result.fields.some((f) => f.startsWith('condor.'))).toBe(true);
  });

  test('presets and the theme menu change the page', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const vix = await app.input('market.vix').inputValue();
    const hash = await app.canvasHash();
    await page.getByTestId('theme-menu').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => app.canvasHash()).not.toBe(hash);
    await page.getByTestId('preset-menu').selectOption({ label: 'Market: Stressed backwardation' });
    await expect(app.input('market.vix')).not.toHaveValue(vix);
    await expect(page.getByTestId('preset-menu')).toHaveValue('');
    const spot = await app.input('market.spot').inputValue();
    await app.setField('market.spot', 'oops');
    await expect(app.fieldError('market.spot')).toBeVisible();
    await page.getByTestId('preset-menu').selectOption('reset');
    await expect(app.input('market.vix')).toHaveValue(vix);
    // A reset replaces text that did not parse and clears its message.
    await expect(app.input('market.spot')).toHaveValue(spot);
    await expect(app.fieldError('market.spot')).toHaveCount(0);
  });

  test('accessibility: no serious or critical axe violations, light, dark and invalid', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.open();
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`);
    expect(await serious()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await serious()).toEqual([]);
    await app.setField('condor.put_wing', '-5');
    await expect(app.staleBadge).toBeVisible();
    expect(await serious()).toEqual([]);
  });

  test('phone width puts the chart and key figures above the inputs and saves screenshots', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const app = new AlvhPage(page);
    await app.open();
    await page.screenshot({ path: 'docs/screenshot.png', fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => app.nonBlankPixels()).toBeGreaterThan(3000);
    const inputs = await page.locator('aside.inputs').boundingBox();
    const chart = await app.chart.boundingBox();
    const figures = await page.getByTestId('figures-panel').boundingBox();
    expect(inputs && chart && figures).toBeTruthy();
    if (inputs && chart && figures) {
      expect(figures.y).toBeGreaterThan(chart.y);
      expect(inputs.y).toBeGreaterThanOrEqual(figures.y + figures.height - 1);
      expect(inputs.width).toBeLessThanOrEqual(390);
    }
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/screenshot-mobile.png', fullPage: false });
  });

  test('1440 px wide puts the inputs beside the results with no horizontal scroll', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const app = new AlvhPage(page);
    await app.open();
    const inputs = await page.locator('aside.inputs').boundingBox();
    const results = await page.locator('div.results').boundingBox();
    expect(inputs && results).toBeTruthy();
    if (inputs && results) {
      expect(results.x).toBeGreaterThanOrEqual(inputs.x + inputs.width - 1);
      expect(Math.abs(results.y - inputs.y)).toBeLessThan(40);
      expect(results.x + results.width).toBeLessThanOrEqual(1440);
    }
    const chart = await app.chart.boundingBox();
    expect(chart?.width ?? 0).toBeGreaterThan(600);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  });
});
