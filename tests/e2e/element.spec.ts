import { expect, test, type Page } from '@playwright/test';
import { DOCS_HOST, SUBPATH_APP } from './pages/origins';

// Issue 18: <alvh-chart> in a documentation page (docs/book/web-component.html, in the shape
// mdBook writes, served from another origin with its own CSP), loading alvh from a third origin.
const BOOK = `${DOCS_HOST}docs/book/web-component.html?app=${encodeURIComponent(SUBPATH_APP)}`;

class BookPage {
  readonly requests: string[] = [];
  readonly errors: string[] = [];
  constructor(readonly page: Page) {
    page.on('request', (r) => this.requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && this.errors.push(m.text()));
    page.on('pageerror', (e) => this.errors.push(String(e)));
  }
  async open(): Promise<void> {
    await this.page.addInitScript(() => {
      (window as any).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await this.page.goto(BOOK);
    await expect(this.chart).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  }
  get chart() {
    return this.page.getByTestId('book-chart');
  }
  /** The key figures inside the shadow root, as [label, value] pairs. */
  async figures(): Promise<string[][]> {
    return this.chart.evaluate((el) =>
      [...el.shadowRoot!.querySelectorAll('dl div')].map((d) => [
        d.querySelector('dt')!.textContent!,
        d.querySelector('dd')!.textContent!,
      ]),
    );
  }
  /** A hash of the canvas pixels and its size in device pixels. */
  async canvas(): Promise<{ w: number; h: number; cssW: number; sum: number }> {
    return this.chart.evaluate((el) => {
      const c = el.shadowRoot!.querySelector('canvas')!;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 97) sum = (sum * 31 + data[i]) % 1_000_000_007;
      return { w: c.width, h: c.height, cssW: c.getBoundingClientRect().width, sum };
    });
  }
}

test.describe('<alvh-chart> in a documentation page', () => {
  test('draws the chart and key figures of its link inline, at the page width, with no foreign request', async ({ page }) => {
    const book = new BookPage(page);
    await book.open();
    const figures = Object.fromEntries(await book.figures());
    expect(figures['Credit']).toMatch(/^\$[\d,]+$/);
    expect(figures['Defined risk']).toMatch(/^\$[\d,]+$/);
    expect(Object.keys(figures).some((k) => k.startsWith('PoP at expiry ('))).toBe(true);
    // The link is the default configuration: the same fingerprint the JS API gives it.
    const apiFingerprint = await page.evaluate(async (app) => {
      const alvh = await import(new URL('alvh-web.js', app).href);
      return alvh.evaluate(alvh.defaultConfig('2026-11-24')).fingerprint;
    }, SUBPATH_APP);
    expect(figures['Fingerprint']).toBe(apiFingerprint);
    await expect(book.chart).toHaveAttribute('data-fingerprint', apiFingerprint);
    // Drawn at the content column's width (mdBook's 750 px less padding), not a fixed size.
    const c = await book.canvas();
    const mainWidth = await page.locator('main').evaluate((m) => m.clientWidth);
    expect(c.cssW).toBeGreaterThan(mainWidth - 40);
    expect(c.cssW).toBeLessThanOrEqual(mainWidth);
    expect(c.w).toBeGreaterThan(0);
    // Only the book's origin and alvh's: nothing foreign, no policy violation, no error.
    const origins = new Set(book.requests.map((u) => new URL(u).origin));
    expect([...origins].sort()).toEqual(
      [new URL(DOCS_HOST).origin, new URL(SUBPATH_APP).origin].sort(),
    );
    expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
    expect(book.errors).toEqual([]);
  });

  test('follows the host page: dark theme, a narrower page, and a bad link says so', async ({ page }) => {
    const book = new BookPage(page);
    await book.open();
    const light = await book.canvas();
    // The host page turns dark (prefers-color-scheme): the chart follows.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => (await book.canvas()).sum).not.toBe(light.sum);
    // A `theme` attribute wins over the page's scheme.
    await book.chart.evaluate((el) => el.setAttribute('theme', 'light'));
    await expect.poll(async () => (await book.canvas()).sum).toBe(light.sum);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => (await book.canvas()).cssW).toBeLessThan(390);
    await book.chart.evaluate((el) => el.setAttribute('link', '#c=1.not-a-config'));
    await expect
      .poll(async () =>
        book.chart.evaluate((el) => el.shadowRoot!.querySelector('.message')!.textContent),
      )
      .toMatch(/notice|could not/i);
  });
});
