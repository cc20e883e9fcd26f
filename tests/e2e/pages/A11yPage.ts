import { expect, type Locator, type Page } from '@playwright/test';
import { AlvhPage } from './AlvhPage';

/** The page as a keyboard, phone or screen-reader user meets it (issue 18): skip links,
 *  foldable groups, the error summary's links, the sticky header. */
export class A11yPage extends AlvhPage {
  readonly header: Locator;
  readonly errorSummary: Locator;
  readonly chartArea: Locator;
  readonly slider: Locator;
  readonly readout: Locator;

  constructor(page: Page) {
    super(page);
    this.header = page.locator('header.top');
    this.errorSummary = page.getByTestId('error-summary');
    this.chartArea = page.getByTestId('pnl-chart-area');
    this.slider = page.getByTestId('input-view-slider_days');
    this.readout = page.getByTestId('crosshair-readout');
  }

  skipLink(target: 'chart' | 'figures' | 'rules' | 'inputs'): Locator {
    return this.page.getByTestId(`skip-${target}`);
  }

  group(name: string): Locator {
    return this.page.getByTestId(`group-${name}`);
  }

  groupKey(name: string): Locator {
    return this.page.getByTestId(`group-${name}-key`);
  }

  /** The error summary's link whose text contains `text`. */
  errorLink(text: string): Locator {
    return this.errorSummary.locator('a', { hasText: text });
  }

  /** The id (or test id) of the focused element. */
  async focusedId(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.id || el?.getAttribute('data-testid') || el?.tagName || '';
    });
  }

  /** Asserts a field is marked invalid and described by a visible message containing `text`. */
  async expectFieldMessage(input: Locator, text: string | RegExp): Promise<void> {
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    const describedBy = await input.getAttribute('aria-describedby');
    expect(describedBy, 'aria-describedby').toBeTruthy();
    const message = this.page.locator(`[id="${describedBy}"]`);
    await expect(message).toBeVisible();
    await expect(message).toContainText(text);
    // Beside the field: the message starts within 120 px below the input's top.
    const a = await input.boundingBox();
    const b = await message.boundingBox();
    expect(a && b).toBeTruthy();
    if (a && b) expect(Math.abs(b.y - a.y)).toBeLessThan(120);
  }
}
