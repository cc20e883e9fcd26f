import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { A11yPage } from './pages/A11yPage';

// Issue 18, phone and layout: results first on a phone, tables that show they scroll, a
// read-out that moves nothing, a rules panel that uses its width, a captioned PNG.
test.describe('layout', () => {
  test('390x844: the chart starts within the first screen, before Presets and inputs', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new A11yPage(page);
    await app.open();
    const chart = await app.chart.boundingBox();
    const presets = await page.locator('aside.inputs').boundingBox();
    expect(chart).toBeTruthy();
    expect(chart!.y).toBeLessThan(900);
    expect(presets!.y).toBeGreaterThan(chart!.y + chart!.height);
  });

  test('390x844: the Greeks table shows that it scrolls and its last column is reachable', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new A11yPage(page);
    await app.open();
    const scroller = page.getByTestId('greeks-scroll');
    await scroller.scrollIntoViewIfNeeded();
    const hint = await scroller.evaluate((el) => getComputedStyle(el, '::before').content);
    expect(hint).toContain('scroll');
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    // By keyboard: the scrolling region is a Tab stop of its own (a labelled region).
    await scroller.focus();
    expect(await app.focusedId()).toBe('greeks-scroll');
    await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    const last = page.getByTestId('greeks-table').locator('thead th').last();
    await expect(last).toHaveText(/Rho/);
    const box = await last.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(391);
  });

  test('hovering the chart moves nothing under it', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    const before = await app.slider.boundingBox();
    const chart = await app.chart.boundingBox();
    await page.mouse.move(chart!.x + chart!.width * 0.6, chart!.y + chart!.height * 0.5);
    await expect(page.getByTestId('crosshair-spx')).toBeVisible();
    // One format for SPX levels: separators, no trailing ".00".
    await expect(page.getByTestId('crosshair-spx')).toHaveText(/^SPX \d,\d{3}(\.\d)?$/);
    const during = await app.slider.boundingBox();
    await page.mouse.move(5, 5);
    const after = await app.slider.boundingBox();
    expect(during!.y).toBe(before!.y);
    expect(after!.y).toBe(before!.y);
  });

  test('the rules panel uses its width', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const app = new A11yPage(page);
    await app.open();
    const panel = await page.getByTestId('rules-panel').boundingBox();
    const chips = await page.getByTestId('rule-chips').boundingBox();
    expect(chips!.width).toBeGreaterThan(panel!.width * 0.85);
    const regime = await page.getByTestId('regime').boundingBox();
    const sizing = await page.getByTestId('sizing').boundingBox();
    // Two blocks side by side rather than one narrow column.
    expect(Math.abs(regime!.y - sizing!.y)).toBeLessThan(30);
    expect(sizing!.x).toBeGreaterThan(regime!.x + regime!.width - 1);
  });

  test('expiry list and days box are styled like the other inputs, light and dark', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const styles = await page.evaluate(() => {
        const pick = (sel: string) => {
          const s = getComputedStyle(document.querySelector(sel)!);
          return { bg: s.backgroundColor, color: s.color, size: s.fontSize };
        };
        return {
          input: pick('[data-testid="input-market-spot"]'),
          select: pick('[data-testid="condor-expiry-pick"]'),
          days: pick('[data-testid="condor-expiry-days"]'),
        };
      });
      expect(styles.select, scheme).toEqual(styles.input);
      expect(styles.days, scheme).toEqual(styles.input);
    }
  });

  test('the PNG export carries a caption below the chart', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    const button = page.getByTestId('download-png');
    const fingerprint = (await app.fingerprint.textContent()) ?? '';
    const expiry = await app.input('condor.expiry').inputValue();
    const caption = (await button.getAttribute('data-caption')) ?? '';
    expect(caption).toContain(fingerprint);
    expect(caption).toContain(`expiry ${expiry}`);
    expect(caption).toMatch(/\d,\d{3}\/\d,\d{3}/);
    expect(caption).toContain(`valued ${await app.input('market.valuation_date').inputValue()}`);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const height = png.readUInt32BE(20);
    const canvasHeight = await app.chart.evaluate((c: HTMLCanvasElement) => c.height);
    expect(height).toBeGreaterThan(canvasHeight + 20);
    await expect(button).toHaveAttribute('data-png-height', String(height));
    // The caption's pixels differ from the background (text was drawn).
    const inked = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const chartH = (document.querySelector('[data-testid="pnl-chart"]') as HTMLCanvasElement).height;
      const d = ctx.getImageData(0, chartH, c.width, c.height - chartH).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) n++;
      return n;
    }, png.toString('base64'));
    expect(inked).toBeGreaterThan(200);
  });
});

test.describe('axe in every state', () => {
  const serious = async (page: import('@playwright/test').Page) =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s) — ${v.help}`);

  test('default, invalid field, dark, phone with folded groups, embed', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    expect(await serious(page), 'default').toEqual([]);
    await app.setField('market.rate', '400');
    await expect(app.staleBadge).toBeVisible();
    expect(await serious(page), 'invalid field').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await serious(page), 'dark + invalid').toEqual([]);
    await app.setField('market.rate', '4');
    await expect(app.staleBadge).toHaveCount(0);
    expect(await serious(page), 'dark').toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await app.waitForReport();
    await expect(app.group('market')).not.toHaveAttribute('open', '');
    expect(await serious(page), 'phone, folded groups').toEqual([]);
    const fragment = new URL(page.url()).hash.slice(1);
    await page.goto('about:blank');
    await app.openUrl(`/#${fragment}&embed=1`);
    await expect(page.getByTestId('open-full')).toBeVisible();
    expect(await serious(page), 'embed').toEqual([]);
  });
});
