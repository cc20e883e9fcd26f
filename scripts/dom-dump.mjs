// Dumps the DOM of a built alvh page (a dist/ folder) in fixed states, so that two builds can
// be compared with `diff` (docs/leptos-port.md). Usage:
//   node scripts/dom-dump.mjs DIST_DIR OUT_DIR [PORT]
// Writes OUT_DIR/<state>.txt for the states: default, invalid, edited, embed-375.
// The clock is fixed (2026-12-04 12:00 UTC) so dates and the valuation date agree across runs.
// The dump lists every element with its attributes (sorted) and the value/checked/disabled
// properties of form controls, one element per line, indented by depth; text nodes are
// trimmed and shown in quotes; comment nodes and whitespace-only text are left out (they are
// renderer bookkeeping, invisible to users and to the tests).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const [distDir, outDir, portArg] = process.argv.slice(2);
if (!distDir || !outDir) {
  console.error('usage: node scripts/dom-dump.mjs DIST_DIR OUT_DIR [PORT]');
  process.exit(2);
}
const port = Number(portArg ?? process.env.ALVH_E2E_PORT ?? 4310);
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let file = path.join(distDir, decodeURIComponent(url.pathname));
  if (!file.startsWith(path.resolve(distDir))) file = path.resolve(distDir, 'index.html');
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(port, '127.0.0.1', r));
const base = `http://127.0.0.1:${port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** The page's DOM as text (runs in the page). */
function serialize() {
  const lines = [];
  const walk = (node, depth) => {
    const pad = '  '.repeat(depth);
    if (node.nodeType === Node.TEXT_NODE) {
      const t = node.textContent.trim();
      if (t) lines.push(`${pad}"${t}"`);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const attrs = [...node.attributes]
      .map((a) => `${a.name}="${a.value}"`)
      .sort();
    const tag = node.tagName.toLowerCase();
    if (tag === 'input' || tag === 'select' || tag === 'textarea') {
      attrs.push(`.value="${node.value}"`);
      if (node.type === 'checkbox' || node.type === 'radio') attrs.push(`.checked=${node.checked}`);
      attrs.push(`.disabled=${node.disabled}`);
    }
    if (tag === 'details') attrs.push(`.open=${node.open}`);
    lines.push(`${pad}<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>`);
    if (tag === 'script' || tag === 'style') return;
    for (const child of node.childNodes) walk(child, depth + 1);
  };
  walk(document.body, 0);
  return lines.join('\n') + '\n';
}

async function openPage(viewport, fragment = '') {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-12-04T12:00:00Z') });
  await page.clock.resume();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base + (fragment ? `#${fragment}` : ''));
  await page.getByTestId('fingerprint').filter({ hasNotText: '—' }).waitFor();
  return { context, page, errors };
}

/** Waits until the page has mounted everything (the share panel is the last part). */
async function settle(page, embed = false) {
  if (!embed) await page.getByTestId('share-link').waitFor({ state: 'attached' });
  await page.waitForTimeout(500);
}

async function dump(name, page, errors) {
  fs.writeFileSync(path.join(outDir, `${name}.txt`), await page.evaluate(serialize));
  console.log(`${name}: written${errors.length ? `, console errors: ${errors.join(' | ')}` : ''}`);
}

fs.mkdirSync(outDir, { recursive: true });
try {
  {
    const { context, page, errors } = await openPage({ width: 1280, height: 900 });
    await settle(page);
    await dump('default', page, errors);
    await context.close();
  }
  {
    const { context, page, errors } = await openPage({ width: 1280, height: 900 });
    await settle(page);
    // One text that is not a number, one number that fails validation.
    const spot = page.getByTestId('input-market-spot');
    await spot.fill('abc');
    await spot.press('Tab');
    const wing = page.getByTestId('input-condor-put_wing');
    await wing.fill('-10');
    await wing.press('Tab');
    await page.getByTestId('stale-badge').waitFor();
    await page.waitForTimeout(300);
    await dump('invalid', page, errors);
    await context.close();
  }
  {
    const { context, page, errors } = await openPage({ width: 1280, height: 900 });
    await settle(page);
    await page.getByTestId('add-future').click();
    await page.getByTestId('add-hedge-leg').click();
    await page.getByTestId('rule-R1').locator('summary').click();
    await page.getByTestId('toggle-slider').check();
    const slider = page.getByTestId('input-view-slider_days');
    await slider.focus();
    for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
    await page.waitForTimeout(500);
    await dump('edited', page, errors);
    await context.close();
  }
  {
    const { context, page, errors } = await openPage({ width: 375, height: 800 }, 'embed=1');
    await settle(page, true);
    await dump('embed-375', page, errors);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
