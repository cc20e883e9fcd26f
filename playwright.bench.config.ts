import { defineConfig } from '@playwright/test';
import suite from './playwright.config';

// Browser benchmark (scripts/bench-browser.sh): the release build in dist/, served on loopback,
// in Debian's headless Chromium with the test suite's browser settings. Not part of the test
// suite: it measures, it does not assert timings (the machines are shared and noisy).
const port = Number(process.env.ALVH_BENCH_PORT ?? 4273);
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
    command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory dist`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore',
    timeout: 30_000,
  },
});
