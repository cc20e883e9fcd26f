// Browser benchmark of the History program backtest (issue 19, item 5), against the release
// build: the full shipped series (1990-2026) backtested in the Web Worker (wasm, Chromium),
// monthly entries and weekly SPXW entries, default configuration and settings.
//
//   ALVH_BENCH_PORT=4493 npx playwright test --config playwright.bench.config.ts tests/bench/backtest.bench.ts
//
// Per schedule it runs the backtest RUNS times (default 5) through the panel
// (History view, "Program backtest" section) and records, per run:
// - compute_ms: the worker's own time for the job (parse the CSV, place and mark every trade,
//   the statistics), measured in the worker (Date.now) and shown by the panel (bt-compute-ms);
// - wall_ms: from the Run click to the panel showing "Backtest finished." (includes starting a
//   fresh worker, compiling its wasm, moving the job and the result between threads).
// Medians go to test-results/bench-backtest.json (or ALVH_BENCH_OUT). No assertion on time
// (shared machines are noisy); the checks are that each run finished with a result.
import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

const RUNS = Number(process.env.ALVH_BENCH_RUNS ?? 5);
const OUT = process.env.ALVH_BENCH_OUT ?? 'test-results/bench-backtest.json';
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

test('program backtest in the worker: monthly and weekly SPXW, 1990-2026', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await expect(page.getByTestId('fingerprint')).toHaveText(/^[0-9a-f]{6,}$/);
  await page.getByTestId('history-tab').click();
  await expect(page.getByTestId('history-data-status')).toContainText('trading days', { timeout: 30_000 });
  await page.getByTestId('history-tab-backtest').click();
  await expect(page.getByTestId('backtest-panel')).toBeVisible();
  const results: Record<string, { compute_ms: number[]; wall_ms: number[]; trades: number }> = {};
  for (const schedule of ['monthly', 'weekly'] as const) {
    await page.getByTestId('bt-schedule').selectOption(schedule);
    const r = { compute_ms: [] as number[], wall_ms: [] as number[], trades: 0 };
    for (let i = 0; i < RUNS; i++) {
      const wall = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const status = document.querySelector('[data-testid="bt-status"]')!;
            const t0 = performance.now();
            const obs = new MutationObserver(() => {
              if (status.textContent === 'Backtest finished.' || status.textContent?.startsWith('Backtest failed')) {
                obs.disconnect();
                resolve(performance.now() - t0);
              }
            });
            obs.observe(status, { childList: true, subtree: true, characterData: true });
            (document.querySelector('[data-testid="bt-run"]') as HTMLButtonElement).click();
          }),
      );
      await expect(page.getByTestId('bt-status')).toHaveText('Backtest finished.');
      const ms = Number((await page.getByTestId('bt-compute-ms').textContent())!.replace(/[^\d]/g, ''));
      r.compute_ms.push(ms);
      r.wall_ms.push(Math.round(wall));
      r.trades = Number(await page.getByTestId('bt-trades').textContent());
    }
    results[schedule] = r;
  }
  const out = Object.fromEntries(
    Object.entries(results).map(([k, v]) => [
      k,
      { ...v, compute_median_ms: median(v.compute_ms), wall_median_ms: median(v.wall_ms) },
    ]),
  );
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
});
