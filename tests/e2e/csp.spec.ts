import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { AlvhPage } from './pages/AlvhPage';
import { fragmentOf } from './pages/links';
import { APP } from './pages/origins';

// "No request to another origin" as a property of the page, not only of our code: the
// Content-Security-Policy written into index.html at build time (scripts/csp.mjs) must refuse
// any foreign load, even one that got into the DOM. A counting server on another loopback
// port stands in for the foreign origin: it must never be reached.
const FOREIGN_PORT = Number(process.env.ALVH_E2E_PORT ?? 4173) + 9;
const FOREIGN = `http://127.0.0.1:${FOREIGN_PORT}`;

let foreign: Server;
let foreignHits: string[] = [];

test.beforeAll(async () => {
  foreign = createServer((req, res) => {
    foreignHits.push(req.url ?? '');
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
    res.end('');
  });
  await new Promise<void>((resolve) => foreign.listen(FOREIGN_PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => foreign.close(() => resolve()));
});

test.beforeEach(() => {
  foreignHits = [];
});

/** Records every `securitypolicyviolation` event of the page from its first script on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
    });
  });
}

async function violations(page: Page): Promise<{ directive: string; blocked: string }[]> {
  return page.evaluate(() => (window as any).__violations);
}

/** The served page's policy, from its <meta http-equiv> tag, as directive -> sources. */
async function servedPolicy(page: Page): Promise<Map<string, string[]>> {
  const content = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  );
  const map = new Map<string, string[]>();
  for (const part of content.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

test('the built page carries a same-origin policy and loads under it with no violation', async ({ page }) => {
  const app = new AlvhPage(page);
  await recordViolations(page);
  await app.open();
  const csp = await servedPolicy(page);
  expect(csp.get('default-src')).toEqual(["'none'"]);
  const scriptSrc = csp.get('script-src') ?? [];
  expect(scriptSrc.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  // Anything else in script-src is a hash of an inline script built with the page.
  for (const source of scriptSrc.slice(2)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  expect(csp.get('connect-src')).toEqual(["'self'"]);
  expect(await violations(page)).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
  expect(app.requests.every((url) => url.startsWith(APP) || url.startsWith('data:'))).toBe(true);
});

test('a crafted link that tries foreign loads is refused by the browser, and the page still works', async ({ page }) => {
  const app = new AlvhPage(page);
  await recordViolations(page);
  await app.open();
  const config = await page.evaluate(() => (window as any).wasmBindings.defaultConfig('2026-11-24'));
  // Field values that would load from the foreign origin if they ever reached the DOM as markup.
  const bait =
    `<img src="${FOREIGN}/img-from-field.png">` +
    `<script src="${FOREIGN}/script-from-field.js"></script>` +
    `<link rel="stylesheet" href="${FOREIGN}/style-from-field.css">`;
  config.review = [{ initials: bait, fingerprint: bait }];
  config.indicators.vix_series = `date,close\n2026-01-02,${bait}`;
  await page.goto('about:blank');
  await app.openUrl(`${APP}#${fragmentOf(config)}`);
  await expect(app.figure('credit')).toHaveText(/^\$[\d,]+$/);

  // Now as if such markup had got into the page: the policy, not our escaping, stops it.
  await page.evaluate((origin) => {
    const img = document.createElement('img');
    img.src = `${origin}/injected.png`;
    document.body.append(img);
    const script = document.createElement('script');
    script.src = `${origin}/injected.js`;
    document.body.append(script);
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = `${origin}/injected.css`;
    document.head.append(link);
    fetch(`${origin}/injected-fetch`).catch(() => {});
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true;';
    document.body.append(inline);
  }, FOREIGN);

  await expect
    .poll(async () => new Set((await violations(page)).map((v) => v.directive)), { timeout: 10_000 })
    .toEqual(new Set(['img-src', 'script-src-elem', 'style-src-elem', 'connect-src']));
  const blocked = (await violations(page)).map((v) => v.blocked);
  for (const path of ['/injected.png', '/injected.js', '/injected.css', '/injected-fetch']) {
    expect(blocked, path).toContain(`${FOREIGN}${path}`);
  }
  expect(await page.evaluate(() => (window as any).__inlineRan ?? false)).toBe(false);
  expect(foreignHits).toEqual([]);

  // The page still works: an edit recomputes the report.
  const before = await app.figure('credit').textContent();
  const shortPut = Number(await app.input('condor.short_put').inputValue());
  await app.setField('condor.short_put', String(shortPut - 100));
  await expect(app.figure('credit')).not.toHaveText(before ?? '');
});
