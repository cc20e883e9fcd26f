// Paired browser benchmarks of two release builds (issue 15, items 6 and 7), or one build.
//
//   node scripts/bench-paired.mjs cold  [--rounds N] DIST_A [DIST_B]
//   node scripts/bench-paired.mjs input [--rounds N] DIST_A [DIST_B]
//
// cold:  tests/bench/cold-load.bench.ts, navigation to the first drawn chart on 20 Mbit/20 ms,
//        9 Mbit/60 ms and 1.6 Mbit/150 ms with 4x CPU (ALVH_COLD_LOADS loads per profile and
//        round, default 3; the round's figure is their median);
// input: tests/bench/browser.bench.ts, strike and date-slider steps (input to work done, p50 and
//        p95), JS API `evaluate` p50, JS heap, and first chart unthrottled.
// Each round runs the suite once per build, in a fresh Playwright run with its own server
// (playwright.bench.config.ts: the build served with gzip, port 4350 for A and 4351 for B; set
// ALVH_BENCH_PORT to move them). The order alternates (A B, B A, A B, ...) so that a drift in
// the machine's load falls on both builds alike. Rounds default to 5.
//
// Prints, per measure, each build's median over the rounds with its range and, with two
// builds, the median of the per-round ratios B/A (the paired ratio: below 1 means B is
// faster or smaller) and the ratio of the medians. Also writes target/bench-paired/SUITE.json and
// a Markdown table, target/bench-paired/SUITE.md, for docs/performance.md (each round's figures
// are in target/bench-paired/SUITE-BUILD-ROUND.json).
// The load average before and after is printed: the machine is shared and timings follow it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const SUITES = {
  cold: {
    spec: 'tests/bench/cold-load.bench.ts',
    measures: (r) =>
      Object.fromEntries(
        Object.entries(r.profiles).flatMap(([name, p]) => [
          [`first chart, ${name} (ms)`, p.first_chart_median_ms],
          [`transfer, ${name} (KB)`, p.transfer_bytes / 1000],
        ]),
      ),
  },
  input: {
    spec: 'tests/bench/browser.bench.ts',
    measures: (r) => ({
      'first chart, unthrottled, p50 of loads (ms)': r.first_chart_ms.p50,
      'strike step, input to work, p50 (ms)': r.strike_input_to_work_ms.p50,
      'strike step, input to work, p95 (ms)': r.strike_input_to_work_ms.p95,
      'date slider step, input to work, p50 (ms)': r.slider_input_to_work_ms.p50,
      'date slider step, input to work, p95 (ms)': r.slider_input_to_work_ms.p95,
      'strike step, input to next frame, p95 (ms)': r.strike_input_to_frame_ms.p95,
      'JS API evaluate, p50 (ms)': r.js_api_evaluate_ms.p50,
      'JS heap used after the run (MB)': r.js_heap_used_bytes / 1e6,
    }),
  },
};

function usage(msg) {
  if (msg) console.error(`bench-paired: ${msg}`);
  console.error('usage: node scripts/bench-paired.mjs cold|input [--rounds N] DIST_A [DIST_B]');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const num = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const args = process.argv.slice(2);
const suiteName = args.shift();
const suite = SUITES[suiteName];
if (!suite) usage(`unknown suite ${suiteName ?? ''}`);
let rounds = 5;
const dists = [];
while (args.length) {
  const a = args.shift();
  if (a === '--rounds') rounds = Number(args.shift());
  else if (a.startsWith('--rounds=')) rounds = Number(a.slice(9));
  else dists.push(a);
}
if (!(rounds >= 1)) usage('--rounds needs a positive number');
if (dists.length < 1 || dists.length > 2) usage('give one or two dist directories');
for (const d of dists) {
  if (!existsSync(resolve(d, 'index.html'))) usage(`${d} has no index.html (build it first)`);
}
const labels = dists.length === 2 ? ['A', 'B'] : ['A'];
const basePort = Number(process.env.ALVH_BENCH_PORT ?? 4350);
// Not under test-results/: Playwright empties that folder at the start of every run.
const outDir = 'target/bench-paired';
mkdirSync(outDir, { recursive: true });

const loadBefore = load();
console.log(`bench-paired ${suiteName}: ${rounds} rounds; ${labels.map((l, i) => `${l} = ${dists[i]}`).join(', ')}`);
console.log(`load average (1, 5, 15 min) before: ${loadBefore}`);

const results = labels.map(() => []);
for (let round = 0; round < rounds; round++) {
  const order = labels.map((_, i) => i);
  if (round % 2 === 1) order.reverse();
  for (const i of order) {
    const out = `${outDir}/${suiteName}-${labels[i]}-${round + 1}.json`;
    const t0 = Date.now();
    const run = spawnSync(
      'playwright',
      ['test', '--config', 'playwright.bench.config.ts', suite.spec, '--reporter', 'line'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        env: {
          ...process.env,
          ALVH_BENCH_DIST: resolve(dists[i]),
          ALVH_BENCH_PORT: String(basePort + i),
          ALVH_BENCH_OUT: out,
        },
      },
    );
    if (run.status !== 0 || !existsSync(out)) {
      console.error(run.stdout.slice(-4000), run.stderr.slice(-4000));
      console.error(`bench-paired: round ${round + 1}, build ${labels[i]} (${dists[i]}) failed`);
      process.exit(1);
    }
    const measures = suite.measures(JSON.parse(readFileSync(out, 'utf8')));
    results[i].push(measures);
    console.log(
      `round ${round + 1} ${labels[i]} (${((Date.now() - t0) / 1000).toFixed(0)} s, load ${load()}): ` +
        Object.entries(measures)
          .map(([k, v]) => `${k.replace(/ \(.*\)$/, '')} ${num(v)}`)
          .join('; '),
    );
  }
}
const loadAfter = load();

const names = Object.keys(results[0][0]);
const rows = names.map((name) => {
  const per = results.map((rs) => rs.map((r) => r[name]));
  const row = { measure: name, builds: per.map((xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), rounds: xs })) };
  if (per.length === 2) {
    row.paired_ratio = median(per[0].map((a, k) => per[1][k] / a));
    row.ratio_of_medians = row.builds[1].median / row.builds[0].median;
  }
  return row;
});

const cell = (b) => `${num(b.median)} (${num(b.min)}-${num(b.max)})`;
const head =
  labels.length === 2
    ? `| measure | A: median (range) | B: median (range) | B/A paired (median of rounds) | B/A of medians |\n| --- | --- | --- | --- | --- |`
    : `| measure | median (range) over ${rounds} rounds |\n| --- | --- |`;
const table = [
  head,
  ...rows.map((r) =>
    labels.length === 2
      ? `| ${r.measure} | ${cell(r.builds[0])} | ${cell(r.builds[1])} | ${r.paired_ratio.toFixed(2)} | ${r.ratio_of_medians.toFixed(2)} |`
      : `| ${r.measure} | ${cell(r.builds[0])} |`,
  ),
].join('\n');
const note =
  `${suiteName}, ${rounds} rounds, ${labels.map((l, i) => `${l} = ${dists[i]}`).join(', ')}; ` +
  `load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after; ${new Date().toISOString()}`;
console.log(`\n${note}\n\n${table}`);
writeFileSync(`${outDir}/${suiteName}.md`, `${note}\n\n${table}\n`);
writeFileSync(
  `${outDir}/${suiteName}.json`,
  JSON.stringify({ suite: suiteName, rounds, dists, load_before: loadBefore, load_after: loadAfter, rows }, null, 2),
);
