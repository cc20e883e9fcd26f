// Browser benchmark of issue 7, against the release build (run by scripts/bench-browser.sh; paired
// against a second build by scripts/bench-paired.mjs input DIST_A DIST_B).
//
// Measures, and writes to test-results/bench-browser.json
// (or ALVH_BENCH_OUT):
// - navigation to first chart: from navigation start to the first animation frame in which the
//   P/L canvas holds a drawn chart (fresh browser context per load, median of LOADS);
// - input-to-paint while a strike field and the date slider move through STEPS steps: per step,
//   the time from dispatching the `input` event to (a) the end of the work it caused (the
//   Config update, evaluate, the DOM and the canvas redraw, all of which the reactive effects run before a
//   0 ms timer fires) and (b) the next animation frame after that work, i.e. the frame that
//   paints it; p50 and p95 of each;
// - `evaluate` per call through the JS API (config object in, report object out), median;
// - the JS heap after the run (CDP Runtime.getHeapUsage, after a forced GC). The wasm linear
//   memory is not part of that figure and is not exposed by the bindings, so it is not reported.
//
// No assertion on time: shared machines are noisy. The only checks are that the page did what
// was asked (the chart was drawn, every step changed the fingerprint or the slider output).
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIRST_CHART_PROBE } from './probe';

const LOADS = Number(process.env.ALVH_BENCH_LOADS ?? 9);
const STEPS = Number(process.env.ALVH_BENCH_STEPS ?? 200);
const CALLS = Number(process.env.ALVH_BENCH_CALLS ?? 100);
// Where the figures go (scripts/bench-paired.mjs gives each round its own file).
const OUT = process.env.ALVH_BENCH_OUT ?? 'test-results/bench-browser.json';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const round = (x: number) => Math.round(x * 100) / 100;
const summary = (xs: number[]) => ({ n: xs.length, p50: round(pct(xs, 50)), p95: round(pct(xs, 95)), max: round(Math.max(...xs)) });

/** Moves an input through `values`, timing each step in the page. */
async function sweep(page: Page, testid: string, values: string[]) {
  return page.evaluate(
    async ({ testid, values }) => {
      const el = document.querySelector(`[data-testid="${testid}"]`) as HTMLInputElement;
      const probe = document.querySelector('[data-testid="fingerprint"]')!;
      const work: number[] = [];
      const frame: number[] = [];
      let changed = 0;
      const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));
      const timer0 = () => new Promise<number>((r) => setTimeout(() => r(performance.now()), 0));
      await nextFrame();
      for (const v of values) {
        const before = probe.textContent;
        el.value = v;
        const t0 = performance.now();
        el.dispatchEvent(new Event('input', { bubbles: true }));
        const t1 = await timer0();
        const t2 = await nextFrame();
        work.push(t1 - t0);
        frame.push(t2 - t0);
        if (probe.textContent !== before) changed++;
      }
      return { work, frame, changed };
    },
    { testid, values },
  );
}

test('browser benchmark', async ({ browser }) => {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    userAgent: '',
    steps: STEPS,
  };

  // 1. Navigation to first chart, fresh context each time.
  const firstChart: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(FIRST_CHART_PROBE);
    await page.goto('/');
    await page.waitForFunction(() => (window as any).__alvhFirstChart !== undefined, null, { timeout: 30_000 });
    firstChart.push(await page.evaluate(() => (window as any).__alvhFirstChart));
    results.userAgent = await page.evaluate(() => navigator.userAgent);
    await context.close();
  }
  results.first_chart_ms = summary(firstChart);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('fingerprint')).not.toHaveText('—');

  // 2a. A strike moves through STEPS values, one point apart (valid all the way).
  const shortPut = Number(await page.getByTestId('input-condor-short_put').inputValue());
  const strikeValues = Array.from({ length: STEPS }, (_, i) => String(shortPut - 100 + i));
  const strike = await sweep(page, 'input-condor-short_put', strikeValues);
  expect(strike.changed).toBeGreaterThan(STEPS * 0.95);
  results.strike_input_to_work_ms = summary(strike.work);
  results.strike_input_to_frame_ms = summary(strike.frame);

  // 2b. The date slider moves through STEPS positions (wrapping over its range).
  await page.getByTestId('toggle-slider').check();
  const slider = page.getByTestId('input-view-slider_days');
  await expect(slider).toBeEnabled();
  const max = Number(await slider.getAttribute('max'));
  expect(max).toBeGreaterThan(1);
  const sliderValues = Array.from({ length: STEPS }, (_, i) => String((i % max) + 1));
  const slide = await sweep(page, 'input-view-slider_days', sliderValues);
  expect(slide.changed).toBeGreaterThan(STEPS * 0.9);
  results.slider_input_to_work_ms = summary(slide.work);
  results.slider_input_to_frame_ms = summary(slide.frame);

  // 3. evaluate through the JS API.
  const calls = await page.evaluate((n) => {
    const api = (window as any).wasmBindings;
    const config = api.defaultConfig('2026-11-24');
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      config.condor.short_put = 5700 + (i % 20) * 5;
      const t0 = performance.now();
      const report = api.evaluate(config);
      times.push(performance.now() - t0);
      if (!report.fingerprint) throw new Error('no report');
    }
    return times;
  }, CALLS);
  results.js_api_evaluate_ms = summary(calls);

  // 4. Heap after the run.
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  results.js_heap_used_bytes = heap.usedSize;
  results.js_heap_total_bytes = heap.totalSize;
  await context.close();

  results.dist = process.env.ALVH_BENCH_DIST ?? 'dist';
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
});
