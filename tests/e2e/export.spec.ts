import { expect, test, type Page } from '@playwright/test';
import { AlvhPage } from './pages/AlvhPage';
import { ChartPanel, parseCsv } from './pages/ChartPanel';

/** The report for the page's own configuration, computed independently through the JS API
 * (defaults for the browser's local date, as the page starts without a link). */
async function independentReport(page: Page): Promise<any> {
  return page.evaluate(() => {
    const api = (window as any).wasmBindings;
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const r = api.evaluate(api.defaultConfig(today));
    return {
      fingerprint: r.fingerprint,
      spots: r.curves.spots,
      spotIndex: r.curves.spot_index,
      horizons: r.curves.horizons.map((h: any) => ({
        label: h.label,
        combined: h.pnl.combined,
        vix: h.vix,
      })),
      greeks: r.greeks_curve,
    };
  });
}

test.describe('export and crosshair', () => {
  test('the chart downloads as a PNG named after the fingerprint', async ({ page }) => {
    const app = new AlvhPage(page);
    const chart = new ChartPanel(page);
    await app.open();
    const fingerprint = (await app.fingerprint.textContent()) ?? '';
    const { download, bytes } = await chart.download(chart.pngButton);
    expect(download.suggestedFilename()).toBe(`alvh-${fingerprint}.png`);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width in the IHDR chunk is the canvas's; the height adds the caption under the chart
    // (strikes, expiry, valuation date, fingerprint: tests/e2e/layout.spec.ts).
    const [width, height] = await chart.canvas.evaluate((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
    expect(bytes.readUInt32BE(16)).toBe(width);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(height);
    expect(bytes.length).toBeGreaterThan(5000);
    expect(app.consoleErrors).toEqual([]);
  });

  test('curves CSV: headers, one row per grid point, values equal to the report', async ({ page }) => {
    const app = new AlvhPage(page);
    const chart = new ChartPanel(page);
    await app.open();
    const report = await independentReport(page);
    await expect(app.fingerprint).toHaveText(report.fingerprint);

    const { download, bytes } = await chart.download(chart.curvesCsvButton);
    expect(download.suggestedFilename()).toBe(`alvh-curves-${report.fingerprint}.csv`);
    const rows = parseCsv(bytes.toString('utf8'));
    const [header, ...data] = rows;
    expect(header[0]).toBe('SPX (index points)');
    expect(header.length).toBe(1 + 4 * report.horizons.length);
    report.horizons.forEach((h: any, k: number) => {
      expect(header.slice(1 + 4 * k, 5 + 4 * k)).toEqual([
        `${h.label} VIX (points)`,
        `${h.label} condor P/L ($)`,
        `${h.label} hedge P/L ($)`,
        `${h.label} combined P/L ($)`,
      ]);
    });
    expect(data.length).toBe(report.spots.length);
    expect(data.every((r) => r.length === header.length)).toBe(true);

    const spotRow = data[report.spotIndex];
    expect(Number(spotRow[0])).toBeCloseTo(report.spots[report.spotIndex], 2);
    const t0 = report.horizons.findIndex((h: any) => h.label === 'T+0');
    expect(t0).toBeGreaterThanOrEqual(0);
    const csvCombined = Number(spotRow[4 + 4 * t0]);
    expect(Math.abs(csvCombined - report.horizons[t0].combined[report.spotIndex])).toBeLessThan(0.01);
    expect(Math.abs(Number(spotRow[1 + 4 * t0]) - report.horizons[t0].vix[report.spotIndex])).toBeLessThan(0.001);
    // SPX column strictly increasing, from the first grid point to the last.
    const spx = data.map((r) => Number(r[0]));
    expect(spx.every((v, i) => i === 0 || v > spx[i - 1])).toBe(true);
    expect(spx[spx.length - 1]).toBeCloseTo(report.spots[report.spots.length - 1], 2);
  });

  test('Greeks CSV: units in the headers, the report values at spot', async ({ page }) => {
    const app = new AlvhPage(page);
    const chart = new ChartPanel(page);
    await app.open();
    const report = await independentReport(page);
    await expect(app.fingerprint).toHaveText(report.fingerprint);
    const { download, bytes } = await chart.download(chart.greeksCsvButton);
    expect(download.suggestedFilename()).toBe(`alvh-greeks-${report.fingerprint}.csv`);
    const [header, ...data] = parseCsv(bytes.toString('utf8'));
    const label = report.greeks.label;
    expect(header).toEqual([
      'SPX (index points)',
      `${label} delta ($)`,
      `${label} gamma ($ per 1% move)`,
      `${label} vega ($ per vol point)`,
      `${label} theta ($ per day)`,
    ]);
    expect(data.length).toBe(report.spots.length);
    const row = data[report.spotIndex].map(Number);
    const g = report.greeks;
    const i = report.spotIndex;
    const expected = [g.delta_dollars[i], g.gamma_dollars_per_pct[i], g.vega_per_point[i], g.theta_per_day[i]];
    expected.forEach((v: number, k: number) => expect(Math.abs(row[1 + k] - v)).toBeLessThan(0.01));
  });

  test('crosshair follows the pointer, the keys move it and Escape hides it', async ({ page }) => {
    const app = new AlvhPage(page);
    const chart = new ChartPanel(page);
    await app.open();
    const report = await independentReport(page);
    const step = report.spots[1] - report.spots[0];
    await expect(chart.line).toBeHidden();
    expect(await chart.readoutLevel()).toBeNull();

    const box = await chart.plotBox();
    expect(box.right).toBeGreaterThan(box.left);
    const levelAt = (x: number) => box.xMin + ((x - box.left) / (box.right - box.left)) * (box.xMax - box.xMin);
    const x1 = box.left + (box.right - box.left) * 0.3;
    const x2 = box.left + (box.right - box.left) * 0.7;

    await chart.hoverAt(x1);
    await expect(chart.line).toBeVisible();
    await expect(chart.readoutSpx).toBeVisible();
    const a = (await chart.readoutLevel()) as number;
    expect(Math.abs(a - levelAt(x1))).toBeLessThanOrEqual(step);
    // Issue 18: a whole-point grid (SPX 6,000 and a 4-point step by default), one format.
    expect(Number.isInteger(a)).toBe(true);
    expect(Number.isInteger(step)).toBe(true);
    await expect(chart.readoutSpx).toHaveText(/^SPX \d{1,3}(,\d{3})*$/);
    await expect(chart.readout).toHaveAttribute('aria-live', 'polite');
    // The read-out shows the report's numbers at that grid point.
    const ia = report.spots.findIndex((s: number) => Math.abs(s - a) < 1e-6);
    expect(ia).toBeGreaterThanOrEqual(0);
    await expect(chart.cell(0, 'vix')).toHaveText(report.horizons[0].vix[ia].toFixed(2));
    // The line sits at the hovered pixel (within a grid step's width).
    const lineX = await chart.line.evaluate((el) => (el as HTMLElement).offsetLeft);
    const pxPerStep = ((box.right - box.left) / (box.xMax - box.xMin)) * step;
    expect(Math.abs(lineX - x1)).toBeLessThanOrEqual(pxPerStep + 1);

    await chart.hoverAt(x2);
    await expect.poll(() => chart.readoutLevel()).not.toBe(a);
    const b = (await chart.readoutLevel()) as number;
    expect(b).toBeGreaterThan(a);
    expect(Math.abs(b - levelAt(x2))).toBeLessThanOrEqual(step);

    // Layer toggles: hiding the hedge removes its column from the read-out. (Leaving the
    // chart with the mouse hides the crosshair, so hover again.)
    await expect(chart.cell(0, 'hedge')).toBeVisible();
    await page.getByTestId('toggle-hedge').uncheck();
    await expect(chart.line).toBeHidden();
    await chart.hoverAt(x2);
    await expect(chart.cell(0, 'combined')).toBeVisible();
    await expect(chart.cell(0, 'hedge')).toHaveCount(0);

    // Keyboard: focus the chart, step right by one point, then ten, then back.
    await chart.area.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => chart.readoutLevel()).toBeCloseTo(b + step, 6);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => chart.readoutLevel()).toBeCloseTo(b + step - 10 * step, 6);
    await page.keyboard.press('Home');
    await expect.poll(() => chart.readoutLevel()).toBeCloseTo(report.spots[0], 6);
    await page.keyboard.press('End');
    await expect.poll(() => chart.readoutLevel()).toBeCloseTo(report.spots[report.spots.length - 1], 6);
    await page.keyboard.press('Escape');
    await expect(chart.line).toBeHidden();
    await expect(chart.readoutSpx).toHaveCount(0);
    // From hidden, an arrow starts at today's spot.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => chart.readoutLevel()).toBeCloseTo(report.spots[report.spotIndex], 6);
    expect(app.consoleErrors).toEqual([]);
  });

  test('crosshair works on a 375 px wide phone screen', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const app = new AlvhPage(page);
    const chart = new ChartPanel(page);
    await app.open();
    const report = await independentReport(page);
    const step = report.spots[1] - report.spots[0];
    await chart.canvas.scrollIntoViewIfNeeded();
    const box = await chart.plotBox();
    expect(box.right).toBeLessThanOrEqual(375);
    const x = box.left + (box.right - box.left) * 0.6;
    await chart.hoverAt(x);
    await expect(chart.line).toBeVisible();
    const level = (await chart.readoutLevel()) as number;
    const expected = box.xMin + ((x - box.left) / (box.right - box.left)) * (box.xMax - box.xMin);
    expect(Math.abs(level - expected)).toBeLessThanOrEqual(step);
    // The read-out fits the screen: no page-wide horizontal scrolling.
    const readoutBox = await chart.readout.boundingBox();
    expect(readoutBox && readoutBox.x + readoutBox.width).toBeLessThanOrEqual(375);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    // Every column of the read-out is on screen, not scrolled off to the right.
    for (const column of ['vix', 'condor', 'hedge', 'combined'] as const) {
      const cell = await chart.cell(report.horizons.length - 1, column).boundingBox();
      expect(cell && cell.x + cell.width, column).toBeLessThanOrEqual(375);
    }
  });
});
