import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the alvh calculator: every locator goes through a data-testid. */
export class AlvhPage {
  readonly page: Page;
  readonly chart: Locator;
  readonly fingerprint: Locator;
  readonly staleBadge: Locator;
  readonly shareLink: Locator;
  /** index.html's "Loading alvh…" element (removed when the app mounts). */
  readonly boot: Locator;
  /** The failure message inside it (shown when the module cannot load or start). */
  readonly bootFailed: Locator;
  /** The list of repaired fields after reading a link or storage. */
  readonly notices: Locator;
  /** Console errors and page errors seen since construction. */
  readonly consoleErrors: string[] = [];
  /** Every URL requested by the page. */
  readonly requests: string[] = [];

  constructor(page: Page) {
    this.page = page;
    this.chart = page.getByTestId('pnl-chart');
    this.fingerprint = page.getByTestId('fingerprint');
    this.staleBadge = page.getByTestId('stale-badge');
    this.shareLink = page.getByTestId('share-link');
    this.boot = page.getByTestId('boot');
    this.bootFailed = page.getByTestId('boot-failed');
    this.notices = page.getByTestId('notices');
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(String(err)));
    page.on('request', (req) => this.requests.push(req.url()));
  }

  /** Opens the page (optionally with a fragment) and waits for the first drawn chart. */
  async open(fragment = ''): Promise<void> {
    await this.page.goto(fragment ? `/#${fragment}` : '/');
    await this.waitForReport();
  }

  /** Opens an absolute URL (a shared link) and waits for the chart. */
  async openUrl(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitForReport();
  }

  async waitForReport(): Promise<void> {
    await expect(this.fingerprint).not.toHaveText('—');
    await expect.poll(() => this.nonBlankPixels(), { timeout: 15_000 }).toBeGreaterThan(1000);
  }

  input(path: string): Locator {
    return this.page.getByTestId(`input-${path.replace(/\./g, '-')}`);
  }

  fieldError(path: string): Locator {
    return this.page.getByTestId(`error-${path.replace(/\./g, '-')}`);
  }

  figure(id: string): Locator {
    return this.page.getByTestId(`fig-${id}`);
  }

  /** Types a value into a field and commits it (as leaving the field does). */
  async setField(path: string, value: string): Promise<void> {
    const input = this.input(path);
    await input.fill(value);
    await input.press('Tab');
  }

  /** Headline figures as text, keyed by test id. */
  async figures(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const loc of await this.page.locator('[data-testid^="fig-"]').all()) {
      const id = await loc.getAttribute('data-testid');
      if (id) out[id] = (await loc.textContent()) ?? '';
    }
    return out;
  }

  /** Number of canvas pixels that differ from the top-left (background) pixel. */
  async nonBlankPixels(): Promise<number> {
    return this.chart.evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const [r, g, b] = [data[0], data[1], data[2]];
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== r || data[i + 1] !== g || data[i + 2] !== b) count++;
      }
      return count;
    });
  }

  /** A cheap hash of the canvas pixels, to tell two drawings apart. */
  async canvasHash(): Promise<string> {
    return this.chart.evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) return '';
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let h = 2166136261;
      for (let i = 0; i < data.length; i++) {
        h ^= data[i];
        h = Math.imul(h, 16777619) >>> 0;
      }
      return `${canvas.width}x${canvas.height}:${h.toString(16)}`;
    });
  }
}
