import { defineConfig } from '@playwright/test';

// Runs against the release build in dist/ (scripts/test-browser.sh builds it first), served
// by a plain static server on loopback: the app must need nothing else. Two more origins
// (port + 1, port + 2) serve test host pages, docs/ and dist/ under a subpath.
const port = Number(process.env.ALVH_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is not reachable here.
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory dist`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
      timeout: 30_000,
    },
    // Another origin for tests/e2e/share.spec.ts: a documentation site holding a test host
    // page (iframe embed) and docs/embed.html (JS API).
    {
      command: `node tests/e2e/fixtures/static-server.mjs ${port + 1} /=tests/e2e/fixtures/host /docs/=docs`,
      url: `http://127.0.0.1:${port + 1}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
      timeout: 30_000,
    },
    // A third origin: dist/ served from a subpath, with the CORS header GitHub Pages and most
    // CDNs send (the JS API imported cross-origin by docs/embed.html needs it).
    {
      command: `node tests/e2e/fixtures/static-server.mjs ${port + 2} --cors /sub/alvh/=dist`,
      url: `http://127.0.0.1:${port + 2}/sub/alvh/`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
      timeout: 30_000,
    },
  ],
});
