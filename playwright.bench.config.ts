import { defineConfig } from '@playwright/test';

// Browser benchmark (scripts/bench-browser.sh): the release build in dist/, served on loopback,
// in Debian's headless Chromium. Not part of the test suite: it measures, it does not assert
// timings (the machines are shared and noisy).
const port = Number(process.env.ALVH_BENCH_PORT ?? 4273);

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
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-precise-memory-info',
      ],
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
