import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

/** alvh in embed mode inside an iframe of a host page (tests/e2e/fixtures/host). */
export class EmbedFrame {
  readonly page: Page;
  readonly frame: FrameLocator;
  readonly chart: Locator;
  readonly fingerprint: Locator;
  readonly openFull: Locator;

  constructor(page: Page, iframeSelector: string) {
    this.page = page;
    this.frame = page.frameLocator(iframeSelector);
    this.chart = this.frame.getByTestId('pnl-chart');
    this.fingerprint = this.frame.getByTestId('fingerprint');
    this.openFull = this.frame.getByTestId('open-full');
  }

  figure(id: string): Locator {
    return this.frame.getByTestId(`fig-${id}`);
  }

  async waitForReport(): Promise<void> {
    await expect(this.fingerprint).toHaveText(/^[0-9a-f]{10}$/);
    await expect.poll(() => this.nonBlankPixels(), { timeout: 15_000 }).toBeGreaterThan(1000);
  }

  /** Canvas pixels that differ from the top-left (background) pixel. */
  async nonBlankPixels(): Promise<number> {
    return this.chart.evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) count++;
      }
      return count;
    });
  }

  /** The embedded document's scroll width and visible width, CSS pixels. */
  async widths(): Promise<{ scroll: number; client: number }> {
    return this.frame.locator('html').evaluate((root) => ({
      scroll: Math.max(root.scrollWidth, document.body.scrollWidth),
      client: root.clientWidth,
    }));
  }
}

/** docs/embed.html: the iframe example and the live JS API demo. */
export class DocsEmbedPage {
  readonly page: Page;
  readonly status: Locator;
  readonly apiFingerprint: Locator;
  readonly apiCredit: Locator;
  readonly apiErrorFields: Locator;
  readonly embedded: EmbedFrame;

  constructor(page: Page) {
    this.page = page;
    this.status = page.getByTestId('api-status');
    this.apiFingerprint = page.getByTestId('api-fingerprint');
    this.apiCredit = page.getByTestId('api-credit');
    this.apiErrorFields = page.getByTestId('api-error-fields');
    this.embedded = new EmbedFrame(page, '[data-testid="docs-frame"]');
  }
}
