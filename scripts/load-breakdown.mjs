// Where the first load's time goes between the wasm's last byte and the first drawn chart
// (issue 15, item 6). Not a benchmark of record (scripts/bench-paired.mjs is): a diagnostic.
//
//   node scripts/load-breakdown.mjs [--loads N] [--port P] [--profile fast|9mbit|slow] DIST...
//
// Serves each DIST with gzip (tests/e2e/fixtures/static-server.mjs, ports P, P+1, ...; default
// 4365), loads it N times (default 5) in Debian's headless Chromium with the cache off and the
// chosen network/CPU profile (cold-load.bench.ts's: 20 Mbit/20 ms, 9 Mbit/60 ms,
// 1.6 Mbit/150 ms with 4x CPU; default 9mbit), and records per load, in ms since navigation:
// - wasm_response_end: the wasm's last byte (Resource Timing responseEnd);
// - wasm_ready: WebAssembly.instantiateStreaming resolved (compiled and instantiated; the
//   module's start function, which mounts the page, has not run yet);
// - started: Trunk's TrunkApplicationStarted event (after the start function: mount, first
//   evaluate and the synchronous draws);
// - first_chart: the first animation frame with a drawn P/L chart (tests/bench/probe.ts).
// Prints each measure's median (range) per build, and the medians of the differences
// (compile after the last byte, start-up, start to painted chart).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright';

const args = process.argv.slice(2);
let loads = 5;
let port = 4365;
let profileName = '9mbit';
const dists = [];
while (args.length) {
  const a = args.shift();
  if (a === '--loads') loads = Number(args.shift());
  else if (a === '--port') port = Number(args.shift());
  else if (a === '--profile') profileName = args.shift();
  else dists.push(a);
}
const PROFILES = {
  fast: { mbit: 20, latencyMs: 20, uploadMbit: 10, cpu: 1 },
  '9mbit': { mbit: 9, latencyMs: 60, uploadMbit: 3, cpu: 1 },
  slow: { mbit: 1.6, latencyMs: 150, uploadMbit: 0.75, cpu: 4 },
};
const profile = PROFILES[profileName];
if (!dists.length || !profile || !(loads >= 1)) {
  console.error('usage: node scripts/load-breakdown.mjs [--loads N] [--port P] [--profile fast|9mbit|slow] DIST...');
  process.exit(2);
}

// Same logic as tests/bench/probe.ts (kept in step by hand: that file is TypeScript).
const INIT = () => {
  const w = window;
  w.__alvhT = {};
  const orig = WebAssembly.instantiateStreaming;
  if (orig) {
    WebAssembly.instantiateStreaming = (...a) =>
      orig.apply(WebAssembly, a).then((r) => {
        w.__alvhT.wasm_ready = performance.now();
        return r;
      });
  }
  addEventListener('TrunkApplicationStarted', () => {
    w.__alvhT.started = performance.now();
  });
  const tick = () => {
    const c = document.querySelector('[data-testid="pnl-chart"]');
    if (c && c.width > 0 && c.height > 0) {
      const ctx = c.getContext('2d');
      if (ctx) {
        const y = Math.floor(c.height / 2);
        const band = ctx.getImageData(0, y - 2, c.width, 4).data;
        let differing = 0;
        for (let i = 4; i < band.length; i += 4) {
          if (band[i] !== band[0] || band[i + 1] !== band[1] || band[i + 2] !== band[2]) differing++;
        }
        if (differing > 20) {
          w.__alvhT.first_chart = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
const results = dists.map(() => []);
const servers = [];
try {
  for (const [i, dist] of dists.entries()) {
    const p = port + i;
    servers.push(spawn('node', ['tests/e2e/fixtures/static-server.mjs', String(p), '--encode=gzip', `/=${dist}`], { stdio: 'ignore' }));
    await waitForServer(`http://127.0.0.1:${p}/`);
  }
  // Loads alternate between the builds, one warm-up load each first (not recorded).
  for (let round = -1; round < loads; round++) {
    for (const [i] of dists.entries()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: profile.latencyMs,
        downloadThroughput: (profile.mbit * 1e6) / 8,
        uploadThroughput: (profile.uploadMbit * 1e6) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
      await page.addInitScript(INIT);
      await page.goto(`http://127.0.0.1:${port + i}/`);
      await page.waitForFunction(() => window.__alvhT && window.__alvhT.first_chart !== undefined, null, { timeout: 120_000 });
      const t = await page.evaluate(() => {
        const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
        return { wasm_response_end: wasm ? wasm.responseEnd : NaN, ...window.__alvhT };
      });
      if (round >= 0) results[i].push(t);
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.kill();
}

const fmt = (xs) => `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))})`;
console.log(`profile ${profileName}, ${loads} loads per build`);
for (const [i, dist] of dists.entries()) {
  const r = results[i];
  const col = (f) => fmt(r.map(f));
  console.log(`\n${dist}`);
  console.log(`  wasm last byte            ${col((t) => t.wasm_response_end)} ms`);
  console.log(`  wasm compiled+instantiated ${col((t) => t.wasm_ready)} ms`);
  console.log(`  started (mounted)         ${col((t) => t.started)} ms`);
  console.log(`  first chart painted       ${col((t) => t.first_chart)} ms`);
  console.log(`  compile after last byte   ${col((t) => t.wasm_ready - t.wasm_response_end)} ms`);
  console.log(`  start function (mount)    ${col((t) => t.started - t.wasm_ready)} ms`);
  console.log(`  start to painted chart    ${col((t) => t.first_chart - t.started)} ms`);
}
