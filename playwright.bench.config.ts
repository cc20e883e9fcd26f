import { defineConfig } from '@playwright/test';
import suite from './playwright.config';

// Browser benchmarks (scripts/bench-browser.sh, scripts/bench-paired.mjs): a release build
// (ALVH_BENCH_DIST, default dist/) served on loopback like a real host, with gzip (the build's
// .gz siblings, or gzip -9 in memory for a build without them: tests/e2e/fixtures/
// static-server.mjs --encode=gzip), in Debian's headless Chromium with the test suite's browser
// settings. Not part of the test suite: it measures, it does not assert timings (the machines
// are shared and noisy). tests/bench/browser.bench.ts: first chart, input-to-paint, JS API, heap;
// tests/bench/cold-load.bench.ts: first chart under network and CPU throttling.
const port = Number(process.env.ALVH_BENCH_PORT ?? 4273);
const dist = process.env.ALVH_BENCH_DIST ?? 'dist';
const encode = process.env.ALVH_BENCH_ENCODE ?? 'gzip';
const launchOptions = suite.use?.launchOptions ?? {};

export default defineConfig({
  testDir: 'tests/bench',
  testMatch: '*.bench.ts',
  timeout: 300_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      ...launchOptions,
      args: [...(launchOptions.args ?? []), '--enable-precise-memory-info'],
    },
  },
  webServer: {
    command: `node tests/e2e/fixtures/static-server.mjs ${port} --encode=${encode} /=${JSON.stringify(dist)}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore',
    timeout: 30_000,
  },
});
