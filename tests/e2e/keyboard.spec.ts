import { expect, test } from '@playwright/test';
import { A11yPage } from './pages/A11yPage';
import { EmbedFrame } from './pages/EmbedFrame';
import { APP, DOCS_HOST } from './pages/origins';

// Issue 18, keyboard: skip links first, short tab paths, nothing focused under the sticky
// header, groups that fold by keyboard, in-page links that keep the `#c=` configuration.
test.describe('keyboard', () => {
  test('the chart is at most 5 Tab presses away, through the skip link', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    const hash = new URL(page.url()).hash;
    let presses = 0;
    while (presses < 5 && (await app.focusedId()) !== 'skip-chart') {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await app.focusedId()).toBe('skip-chart');
    // Visible when focused.
    const box = await app.skipLink('chart').boundingBox();
    expect(box && box.y >= 0 && box.height > 10).toBeTruthy();
    await page.keyboard.press('Enter');
    presses++;
    expect(presses).toBeLessThanOrEqual(5);
    expect(await app.focusedId()).toBe('chart');
    // The crosshair answers the keys at once.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('crosshair-spx')).toBeVisible();
    expect(new URL(page.url()).hash).toBe(hash);
    // The other skip links reach their targets.
    for (const [target, id] of [['figures', 'figures'], ['rules', 'rules'], ['inputs', 'inputs']] as const) {
      await app.skipLink(target).focus();
      await page.keyboard.press('Enter');
      expect(await app.focusedId()).toBe(id);
    }
    expect(new URL(page.url()).hash).toBe(hash);
  });

  test('a date field is one Tab stop, its expiry list and days box one each', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    await app.input('condor.expiry').focus();
    await page.keyboard.press('Tab');
    expect(await app.focusedId()).toBe('condor-expiry-pick');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await app.focusedId()).not.toBe('input-condor-expiry');
  });

  test('Shift+Tab through 40 fields: none ends under the sticky header', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    await app.chartArea.focus();
    const hidden: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Shift+Tab');
      const { top, bottom, inHeader, id } = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        const h = document.querySelector('header.top')!.getBoundingClientRect();
        return { top: r.top, bottom: h.bottom, inHeader: !!el.closest('header, .skip-links'), id: el.id };
      });
      if (!inHeader && top < bottom - 1) hidden.push(`${id} top ${top} < header ${bottom}`);
    }
    expect(hidden).toEqual([]);
  });

  test('every input group folds and unfolds by keyboard and shows its key figure when folded', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new A11yPage(page);
    await app.open();
    for (const name of ['market', 'condor', 'hedge', 'scenario', 'indicators', 'account']) {
      const group = app.group(name);
      await expect(group, name).not.toHaveAttribute('open', '');
      await expect(app.groupKey(name), name).toBeVisible();
      await expect(app.groupKey(name), name).not.toHaveText('');
      await group.locator('summary').first().focus();
      await page.keyboard.press('Enter');
      await expect(group, name).toHaveAttribute('open', '');
      await page.keyboard.press('Space');
      await expect(group, name).not.toHaveAttribute('open', '');
    }
    await expect(app.groupKey('condor')).toHaveText(/^\d,\d{3}\/\d,\d{3} · \d+ DTE · credit \$[\d,]+$/);
  });

  test('in-page links keep the configuration: assumptions link in the full app', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    await app.setField('condor.contracts', '7');
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#c=/);
    await page.waitForTimeout(400); // the debounced write of the address is done
    const before = new URL(page.url()).hash;
    await page.getByTestId('assumptions-link').click();
    expect(await app.focusedId()).toBe('assumptions');
    expect(new URL(page.url()).hash).toBe(before);
  });

  test('in-page links keep the iframe address in embed mode', async ({ page }) => {
    const app = new A11yPage(page);
    await app.openUrl(APP);
    const fragment = new URL(page.url()).hash.slice(1);
    const src = `${APP}#${fragment}&embed=1`;
    await page.goto(`${DOCS_HOST}embed-host.html?w=900&h=700&src=${encodeURIComponent(src)}`);
    const embed = new EmbedFrame(page, '[data-testid="alvh-frame"]');
    await embed.waitForReport();
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    const url = frame.url();
    expect(url).toContain('#c=');
    // No link of the embedded page leaves the frame's address: the figures' note has none
    // (the full page has the assumptions), and the skip links focus in place.
    await expect(embed.frame.getByTestId('assumptions-link')).toHaveCount(0);
    for (const target of ['chart', 'figures']) {
      await embed.frame.getByTestId(`skip-${target}`).focus();
      await page.keyboard.press('Enter');
      expect(frame.url()).toBe(url);
    }
    const ids = await frame.evaluate(() => (document.activeElement as HTMLElement).id);
    expect(ids).toBe('figures');
  });
});
