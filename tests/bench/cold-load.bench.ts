// Cold-load benchmark (issue 15, item 6): navigation to the first drawn chart on three network
// and CPU profiles, with the HTTP cache disabled and a fresh browser context per load, against a
// server that sends gzip like a real host (playwright.bench.config.ts). Run by
// scripts/bench-paired.mjs (`cold DIST` or `cold DIST_A DIST_B`), which alternates builds over
// rounds and prints medians and ratios; one run of this file is one round for one build.
//
// Per profile it loads the page ALVH_COLD_LOADS times (default 3) and records, per load:
// - first_chart_ms: performance.now() in the first animation frame in which the P/L canvas holds
//   a drawn chart (tests/bench/probe.ts), i.e. ms since navigation start;
// - transfer_bytes: the bytes on the wire of every response finished by then (CDP
//   Network.loadingFinished encodedDataLength: compressed bodies plus headers);
// - the Content-Encoding the wasm came with (a check that the server compressed it).
// Throttling is Chromium's own (CDP Network.emulateNetworkConditions: each request waits at
// least `latency` from sending to its response headers, throughput caps the bytes received; Emulation.setCPUThrottlingRate slows the
// renderer's main thread by the factor). One unrecorded load warms the browser up first. No assertion on time; the checks are that the chart
// was drawn and that the wasm came compressed.
import { test, expect, type CDPSession } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIRST_CHART_PROBE } from './probe';

const LOADS = Number(process.env.ALVH_COLD_LOADS ?? 3);
const OUT = process.env.ALVH_BENCH_OUT ?? 'test-results/bench-cold-load.json';

/** Issue 15's profiles: download Mbit/s, latency ms, CPU slow-down factor. */
const PROFILES = [
  { name: '20 Mbit/20 ms', mbit: 20, latencyMs: 20, uploadMbit: 10, cpu: 1 },
  { name: '9 Mbit/60 ms', mbit: 9, latencyMs: 60, uploadMbit: 3, cpu: 1 },
  // Lighthouse's mobile profile (slow 4G, 750 kbit/s up, 4x CPU).
  { name: '1.6 Mbit/150 ms, 4x CPU', mbit: 1.6, latencyMs: 150, uploadMbit: 0.75, cpu: 4 },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function throttle(cdp: CDPSession, p: (typeof PROFILES)[number]) {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: p.latencyMs,
    downloadThroughput: (p.mbit * 1e6) / 8,
    uploadThroughput: (p.uploadMbit * 1e6) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
}

test('cold load to first chart', async ({ browser }) => {
  test.setTimeout(LOADS * PROFILES.length * 60_000 + 30_000);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    dist: process.env.ALVH_BENCH_DIST ?? 'dist',
    loads: LOADS,
    profiles: {} as Record<string, unknown>,
  };
  // One unthrottled load first, not recorded: the first navigation of a fresh browser pays for
  // starting its renderer and network processes, which would fall on the first profile only.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(FIRST_CHART_PROBE);
    await page.goto('/');
    await page.waitForFunction(() => (window as any).__alvhFirstChart !== undefined, null, { timeout: 60_000 });
    await context.close();
  }
  for (const profile of PROFILES) {
    const firstChart: number[] = [];
    const transfer: number[] = [];
    let wasmEncoding = '';
    let wasmFetches = 0;
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await throttle(cdp, profile);
      const bytes = new Map<string, number>();
      const urls = new Map<string, string>();
      cdp.on('Network.responseReceived', (e: any) => {
        urls.set(e.requestId, e.response.url);
        if (e.response.url.endsWith('.wasm')) {
          wasmFetches++;
          const h = e.response.headers as Record<string, string>;
          wasmEncoding = h['content-encoding'] ?? h['Content-Encoding'] ?? 'identity';
        }
      });
      cdp.on('Network.loadingFinished', (e: any) => bytes.set(e.requestId, e.encodedDataLength));
      await page.addInitScript(FIRST_CHART_PROBE);
      await page.goto('/', { waitUntil: 'commit' });
      await page.waitForFunction(() => (window as any).__alvhFirstChart !== undefined, null, {
        timeout: 60_000,
        polling: 100,
      });
      firstChart.push(await page.evaluate(() => (window as any).__alvhFirstChart as number));
      transfer.push([...bytes.values()].reduce((a, b) => a + b, 0));
      expect([...urls.values()].some((u) => u.endsWith('.wasm')), 'the wasm was fetched').toBe(true);
      await context.close();
    }
    // The server's first encoding (playwright.bench.config.ts, ALVH_BENCH_ENCODE, default gzip);
    // Chromium accepts gzip and, on a secure context such as loopback, br.
    const expected = (process.env.ALVH_BENCH_ENCODE ?? 'gzip').split(',')[0] || 'identity';
    expect(wasmEncoding, `${profile.name}: the wasm's Content-Encoding`).toBe(expected);
    (results.profiles as Record<string, unknown>)[profile.name] = {
      first_chart_ms: firstChart.map((x) => Math.round(x)),
      first_chart_median_ms: Math.round(median(firstChart)),
      transfer_bytes: median(transfer),
      wasm_encoding: wasmEncoding,
      wasm_fetches_per_load: wasmFetches / LOADS,
    };
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
});
