import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { AlvhPage } from './pages/AlvhPage';
import { DocsEmbedPage, EmbedFrame } from './pages/EmbedFrame';
import { fragmentOf, fragmentOfJson } from './pages/links';
import { APP, DOCS_HOST, SUBPATH_APP } from './pages/origins';

const WASM = '**/alvh-web_bg.wasm';

/** Opens a fresh document at `url` (a changed fragment alone would not reload the app). */
async function openFresh(app: AlvhPage, url: string): Promise<void> {
  await app.page.goto('about:blank');
  await app.openUrl(url);
}

/** The default Config object of the app's own JS API, for a valuation date. */
async function defaultConfig(page: Page, date: string): Promise<any> {
  return page.evaluate((d) => (window as any).wasmBindings.defaultConfig(d), date);
}

test.describe('loading', () => {
  test('"Loading alvh…" shows until the module starts, then goes', async ({ page }) => {
    const app = new AlvhPage(page);
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(WASM, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(APP, { waitUntil: 'domcontentloaded' });
    await expect(app.boot).toBeVisible();
    await expect(page.getByTestId('boot-loading')).toHaveText('Loading alvh…');
    await expect(app.bootFailed).toBeHidden();
    await expect(app.chart).toHaveCount(0);
    release();
    await app.waitForReport();
    await expect(app.boot).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });

  for (const [what, pattern] of [
    ['the .wasm', WASM],
    ['the .js', '**/alvh-web.js'],
  ]) {
    test(`a failed download of ${what} shows a message saying so and what to do`, async ({ page }) => {
      const app = new AlvhPage(page);
      await page.route(pattern, (route) => route.abort());
      await page.goto(APP);
      await expect(app.bootFailed).toBeVisible();
      await expect(app.bootFailed).toContainText('alvh could not start');
      await expect(app.bootFailed).toContainText('Reload the page');
      await expect(page.getByTestId('boot-why')).toContainText(/could not be downloaded|failed to start/);
      await expect(page.getByTestId('boot-loading')).toBeHidden();
      await expect(app.chart).toHaveCount(0);
    });
  }

  test('a browser without WebAssembly gets the message at once', async ({ page }) => {
    const app = new AlvhPage(page);
    await page.addInitScript(() => {
      delete (window as any).WebAssembly;
    });
    await page.goto(APP);
    await expect(app.bootFailed).toBeVisible();
    await expect(page.getByTestId('boot-why')).toContainText('WebAssembly');
  });

  test('a stalled download gets a message after 45 s, and the app still mounts if it arrives', async ({ page }) => {
    const app = new AlvhPage(page);
    await page.clock.install();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(WASM, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(APP, { waitUntil: 'domcontentloaded' });
    await page.clock.runFor(30_000);
    await expect(app.bootFailed).toBeHidden();
    await page.clock.runFor(16_000);
    await expect(page.getByTestId('boot-why')).toContainText('45 seconds');
    await page.clock.resume();
    release();
    await app.waitForReport();
    await expect(app.boot).toHaveCount(0);
  });
});

test.describe('hostile links', () => {
  test('hostile field values: notices name the fields, no script runs, the page keeps working', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.openUrl(APP);
    const clean = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      imgs: document.querySelectorAll('img').length,
    }));
    const config = await defaultConfig(page, '2026-11-24');
    const xss = (n: number) => `<script>window.__pwned=${n}</script><img src=x onerror="window.__pwned=${n}">`;
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: [deep] };
    config.market.spot = 1e308;
    config.market.vix = -1e308;
    config.market.rate = 'NaN';
    config.market.div_yield = 'Infinity';
    config.market.futures = 'not a list';
    config.condor.contracts = xss(1);
    config.condor.put_wing = [1, 2, 3];
    config.hedge.legs[0].instrument = xss(2);
    config.scenario.beta_dn = deep;
    config.scenario.vix_mode = { $gt: '' };
    config.indicators.vix_series = `date,close\n2026-01-02,${xss(3)}\n${'x'.repeat(200_000)}`;
    config.indicators.ad_trend = xss(4);
    config.review = [{ initials: xss(5), fingerprint: xss(6) }];
    await openFresh(app, `${APP}#${fragmentOf(config)}`);

    await expect(app.notices).toBeVisible();
    // Each notice names its field by the label the page gives it, never by its Config path.
    for (const field of [
      'SPX spot',
      'VIX',
      'Risk-free rate',
      'Dividend yield',
      'VIX futures curve',
      'Contracts',
      'Put wing width',
      'Hedge leg 1 instrument',
      'β down',
      'VIX over time',
      'Advance–decline trend',
    ]) {
      await expect(app.notices, field).toContainText(field);
    }
    await expect(app.notices).toContainText('VIX futures closes');
    await expect(app.notices).not.toContainText('market.spot');
    await expect(app.notices).not.toContainText('hedge.legs.0');
    expect(await app.nonBlankPixels()).toBeGreaterThan(5000);
    await expect(app.figure('credit')).toHaveText(/^\$[\d,]+$/);
    // The 200 KB value quoted by a notice is cut short and wraps: no page-wide scroll.
    expect((await app.notices.textContent())?.length ?? 0).toBeLessThan(10_000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await expect(app.input('market.spot')).toHaveValue(/^\d+(\.\d+)?$/);

    // Editing works after the repair.
    const fingerprint = await app.fingerprint.textContent();
    await app.setField('condor.contracts', '7');
    await expect(app.fingerprint).not.toHaveText(fingerprint ?? '');
    await expect(app.staleBadge).toHaveCount(0);

    // Nothing the link carried became markup or ran.
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    const after = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      imgs: document.querySelectorAll('img').length,
      handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    }));
    expect(after).toEqual({ ...clean, handlers: 0 });
    expect(app.consoleErrors).toEqual([]);
  });

  // The repair resets only the bad field of a list item (`hedge.legs.0.instrument`), not the
  // whole list or section: the other leg keeps what the link carried.
  test('a bad field in one hedge leg keeps the other leg', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.openUrl(APP);
    const config = await defaultConfig(page, '2026-11-24');
    config.hedge.legs[0].instrument = 'not_an_instrument';
    config.hedge.legs[1].strike = 31;
    config.hedge.legs[1].qty = -7;
    await openFresh(app, `${APP}#${fragmentOf(config)}`);
    await expect(app.notices).toContainText('Hedge leg 1 instrument');
    await expect(app.input('hedge.legs.1.qty')).toHaveValue('-7', { timeout: 3000 });
    await expect(app.input('hedge.legs.1.strike')).toHaveValue('31');
  });

  const deepArray = '['.repeat(10_000) + ']'.repeat(10_000);
  const cases: [string, string, string][] = [
    ['NaN as a JSON token', fragmentOfJson('{"version":1,"market":{"spot":NaN,"vix":Infinity}}'), 'Configuration'],
    ['-Infinity as a JSON token', fragmentOfJson('{"market":{"vix":-Infinity}}'), 'Configuration'],
    ['a 1 MB string', fragmentOfJson(`{"indicators":{"vix_series":"${'A'.repeat(1 << 20)}"}}`), 'link'],
    ['nesting 10,000 deep', fragmentOfJson(deepArray), 'Configuration'],
    ['an array instead of an object', fragmentOfJson('[1,2,3]'), 'Configuration'],
    ['a bare string', fragmentOfJson('"<script>window.__pwned=7</script>"'), 'Configuration'],
    ['invalid base64', 'c=1.<script>window.__pwned=8</script>!!', 'link'],
    ['base64 that is not deflate', `c=1.${Buffer.from('{"market":{}}').toString('base64url')}`, 'link'],
    ['truncated deflate', fragmentOf({ market: { spot: 5000 } }).slice(0, 12), 'link'],
    ['an unknown format version', 'c=9.abc', 'link'],
    ['a fragment over 64 KB', `c=1.${'A'.repeat(70_000)}`, 'link'],
  ];
  test('unreadable payloads fall back to the defaults with a notice', async ({ page }) => {
    const app = new AlvhPage(page);
    for (const [what, fragment, field] of cases) {
      await openFresh(app, `${APP}#${fragment}`);
      await expect(app.notices, what).toBeVisible();
      await expect(app.notices, what).toContainText(field);
      expect(await app.nonBlankPixels(), what).toBeGreaterThan(5000);
      await expect(app.staleBadge, what).toHaveCount(0);
      expect(await page.evaluate(() => (window as any).__pwned), what).toBeUndefined();
    }
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('an old link', () => {
  // Made by commit 8780764 (the first with the fragment codec); see tests/data/links/README.md.
  const fragment = readFileSync('tests/data/links/old-8780764.txt', 'utf8').trim();
  const carried = JSON.parse(
    inflateRawSync(Buffer.from(fragment.replace(/^c=1\./, ''), 'base64url')).toString('utf8'),
  );
  const nativePath = 'target/e2e/old-link-native.json';

  test('a link made by the first version opens, draws and matches the native decoder', async ({ page }) => {
    let native: any;
    try {
      native = JSON.parse(readFileSync(nativePath, 'utf8'));
    } catch {
      throw new Error(`${nativePath} is missing: scripts/test-browser.sh writes it with the native CLI`);
    }
    const app = new AlvhPage(page);
    await openFresh(app, `${APP}#${fragment}`);
    await expect(app.notices).toHaveCount(0);
    await expect(app.fingerprint).toHaveText(native.fingerprint);
    expect(await app.nonBlankPixels()).toBeGreaterThan(5000);
    const dollars = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
    await expect(app.figure('credit')).toHaveText(dollars(native.summary.credit_dollars));
    await expect(app.figure('defined-risk')).toHaveText(dollars(native.summary.defined_risk_dollars));
    await expect(app.figure('hedge-cost')).toHaveText(dollars(native.summary.hedge_cost_dollars));
    // The fields the old link carried are on the page.
    await expect(app.input('condor.short_put')).toHaveValue(String(carried.condor.short_put));
    await expect(app.input('condor.short_call')).toHaveValue(String(carried.condor.short_call));
    await expect(app.input('condor.contracts')).toHaveValue(String(carried.condor.contracts));
    await expect(app.input('market.valuation_date')).toHaveValue(carried.market.valuation_date);
    // The page's JS API on the configuration the page kept agrees with the native report.
    const report = await page.evaluate(() => {
      const api = (window as any).wasmBindings;
      return api.evaluate(JSON.parse(localStorage.getItem('alvh.config.v1') ?? 'null'));
    });
    expect(report.fingerprint).toBe(native.fingerprint);
    expect(report.summary.credit_dollars).toBeCloseTo(native.summary.credit_dollars, 6);
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('embedding', () => {
  test('embed mode in a small iframe of another origin: chart, key figures, link to the full page', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.openUrl(APP);
    const config = await defaultConfig(page, '2026-11-24');
    config.condor.contracts = 6;
    const fragment = fragmentOf(config);
    const src = `${APP}#${fragment}&embed=1`;
    const requests: { url: string; inFrame: boolean }[] = [];
    page.on('request', (r) => requests.push({ url: r.url(), inFrame: r.frame() !== page.mainFrame() }));

    await page.goto(`${DOCS_HOST}embed-host.html?w=360&h=300&src=${encodeURIComponent(src)}`);
    const embed = new EmbedFrame(page, '[data-testid="alvh-frame"]');
    await embed.waitForReport();
    await expect(embed.figure('credit')).toHaveText(/^\$[\d,]+$/);
    await expect(embed.figure('defined-risk')).toBeAttached();
    await expect(embed.frame.locator('aside.inputs')).toBeHidden();
    await expect(embed.frame.getByTestId('preset-menu')).toBeHidden();

    // The link opens the same configuration as a full page, in a new tab.
    const href = await embed.openFull.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${APP.replace(/[.?]/g, '\\$&')}#c=1\\.`));
    expect(href).not.toContain('embed=1');
    await expect(embed.openFull).toHaveAttribute('target', '_blank');
    const [full] = await Promise.all([page.context().waitForEvent('page'), embed.openFull.click()]);
    const fullApp = new AlvhPage(full);
    await fullApp.waitForReport();
    await expect(fullApp.fingerprint).toHaveText((await embed.fingerprint.textContent()) ?? '');
    await expect(fullApp.input('condor.contracts')).toHaveValue('6');
    await full.close();

    // Fits 360 px: no horizontal scroll inside the frame.
    const { scroll, client } = await embed.widths();
    expect(client).toBeLessThanOrEqual(360);
    expect(scroll).toBeLessThanOrEqual(client);

    // The frame fetched only from its own origin, the host page only from its own.
    const appOrigin = new URL(APP).origin;
    const hostOrigin = new URL(DOCS_HOST).origin;
    for (const r of requests) {
      if (r.url.startsWith('data:') || r.url.startsWith('about:')) continue;
      const expected = r.inFrame ? appOrigin : hostOrigin;
      expect(new URL(r.url).origin, r.url).toBe(expected);
    }
    expect(requests.some((r) => r.url.endsWith('alvh-web_bg.wasm'))).toBe(true);
  });

  test('embed mode makes no request to another origin after load', async ({ page }) => {
    const app = new AlvhPage(page);
    await app.openUrl(APP);
    const fragment = fragmentOf(await defaultConfig(page, '2026-11-24'));
    await page.goto('about:blank');
    app.requests.length = 0;
    await app.openUrl(`${APP}#${fragment}&embed=1`);
    const loaded = app.requests.length;
    expect(loaded).toBeGreaterThan(0);
    await expect(page.locator('aside.inputs')).toBeHidden();
    // Toggle a chart layer and resize: anything that could fetch lazily gets its chance.
    const hash = await app.canvasHash();
    await page.getByRole('checkbox').first().click();
    await expect.poll(() => app.canvasHash()).not.toBe(hash);
    await page.setViewportSize({ width: 400, height: 500 });
    await page.waitForTimeout(500);
    const origin = new URL(APP).origin;
    const foreign = app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  test('docs/embed.html on another origin: the JS API agrees with the page and names bad fields', async ({ page, browser }) => {
    const docs = new DocsEmbedPage(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${DOCS_HOST}docs/embed.html?app=${encodeURIComponent(SUBPATH_APP)}`);
    await expect(docs.status).toHaveText(`alvh loaded from ${SUBPATH_APP}`);
    // Importing the module gave the API only: no calculator mounted on the docs page.
    await expect(page.getByTestId('pnl-chart')).toHaveCount(0);
    await expect(page.getByTestId('fingerprint')).toHaveCount(0);

    // The live iframe shows the same configuration as the API's defaultConfig("2026-11-24").
    await docs.embedded.waitForReport();
    await expect(docs.apiFingerprint).toHaveText(/^[0-9a-f]{10}$/);
    await expect(docs.embedded.fingerprint).toHaveText((await docs.apiFingerprint.textContent()) ?? '');
    await expect(docs.apiErrorFields).toContainText('condor.');

    // A changed config: the API's fingerprint and credit equal the full page's for its link.
    const api = await page.evaluate(() => {
      const alvh = (window as any).alvh;
      const config = alvh.defaultConfig('2026-11-24');
      config.condor.contracts = 3;
      config.market.vix = 21.5;
      const report = alvh.evaluate(config);
      const bad = structuredClone(config);
      bad.market.spot = -5;
      bad.condor.put_wing = 0;
      let thrown: any = null;
      try {
        alvh.evaluate(bad);
      } catch (e: any) {
        thrown = { isError: e instanceof Error, message: String(e.message), fields: e.fields };
      }
      return { config, fingerprint: report.fingerprint, credit: report.summary.credit_dollars, thrown };
    });
    expect(api.thrown?.isError).toBe(true);
    const fields = (api.thrown?.fields ?? []).map((f: any) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['market.spot', 'condor.put_wing']));
    for (const f of api.thrown?.fields ?? []) expect(typeof f.message).toBe('string');
    expect(api.thrown?.message).toContain('market.spot');

    const context = await browser.newContext();
    const app = new AlvhPage(await context.newPage());
    await app.openUrl(`${APP}#${fragmentOf(api.config)}`);
    await expect(app.fingerprint).toHaveText(api.fingerprint);
    await expect(app.figure('credit')).toHaveText(`$${Math.round(api.credit).toLocaleString('en-US')}`);
    await context.close();
    expect(errors).toEqual([]);
  });
});

test.describe('served from a subpath', () => {
  test('loads, draws, and its links keep the subpath', async ({ page, browser }) => {
    const app = new AlvhPage(page);
    await app.openUrl(SUBPATH_APP);
    expect(await app.nonBlankPixels()).toBeGreaterThan(5000);
    await app.setField('condor.contracts', '4');
    await expect(app.staleBadge).toHaveCount(0);
    const link = await app.shareLink.inputValue();
    expect(link.startsWith(`${SUBPATH_APP}#c=1.`)).toBe(true);
    // The address follows the configuration once the input has been still for 150 ms.
    await expect.poll(() => page.url()).toBe(link);
    await expect(page.getByTestId('embed-snippet')).toHaveValue(
      new RegExp(`^<iframe src="${SUBPATH_APP.replace(/[.?]/g, '\\$&')}#c=1\\.[^"]+&embed=1"`),
    );
    const fingerprint = await app.fingerprint.textContent();

    // The folder without its trailing slash redirects, as static hosts do, and the link opens.
    const context = await browser.newContext();
    const fresh = new AlvhPage(await context.newPage());
    await fresh.openUrl(`${SUBPATH_APP.replace(/\/$/, '')}#${link.split('#')[1]}`);
    expect(fresh.page.url().startsWith(SUBPATH_APP)).toBe(true);
    await expect(fresh.fingerprint).toHaveText(fingerprint ?? '');
    await expect(fresh.input('condor.contracts')).toHaveValue('4');
    const origin = new URL(SUBPATH_APP).origin;
    expect(fresh.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
    expect(fresh.requests.some((u) => u.startsWith(`${SUBPATH_APP}alvh-web_bg.wasm`))).toBe(true);
    await context.close();
    expect(app.consoleErrors).toEqual([]);
  });
});
