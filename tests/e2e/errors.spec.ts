import { expect, test } from '@playwright/test';
import { A11yPage } from './pages/A11yPage';

// Issue 18, errors at the field: every invalid field shows its message beside itself, in the
// field's label and shown units, is marked aria-invalid and described by that message, and
// the error summary links to (focuses) it. No Config path reaches the page.
test.describe('errors at the field', () => {
  test('number field: rate 400 % is restated in percent, and the summary link focuses it', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    await app.setField('market.rate', '400');
    await app.expectFieldMessage(app.input('market.rate'), 'Risk-free rate must be between -5% and 25% (got 400%)');
    await expect(app.staleBadge).toBeVisible();
    await expect(app.errorSummary).not.toContainText('market.rate');
    await expect(app.errorSummary).not.toContainText('0.25');
    await app.input('market.spot').focus();
    await app.errorLink('Risk-free rate').click();
    expect(await app.focusedId()).toBe('input-market-rate');
    // The page address still holds the configuration.
    expect(new URL(page.url()).hash).toMatch(/^#c=/);
  });

  test('list item: a negative horizon is shown beside the horizons box, badge links to it', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    await app.setField('view.horizon_days', '-5, 30');
    await app.expectFieldMessage(app.input('view.horizon_days'), /Horizon 1/);
    await expect(app.errorSummary).not.toContainText('view.horizon_days');
    await expect(app.errorLink('Horizon 1')).toBeVisible();
    await app.input('market.spot').focus();
    await app.staleBadge.click();
    expect(await app.focusedId()).toBe('input-view-horizon_days');
    expect(new URL(page.url()).hash).toMatch(/^#c=/);
  });

  test('date and days: a non-expiry date marks the date, its list and its days box', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    // An ISO text box, not the browser's locale date widget.
    await expect(app.input('condor.expiry')).toHaveAttribute('type', 'text');
    await expect(app.input('condor.expiry')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await app.setField('condor.expiry', '2027/01/15');
    await app.expectFieldMessage(app.input('condor.expiry'), 'Condor expiry: enter a date as YYYY-MM-DD');
    await app.setField('condor.expiry', '2027-01-16'); // a Saturday
    await app.expectFieldMessage(app.input('condor.expiry'), /Condor expiry 2027-01-16 is not an SPX expiration/);
    // The list of expirations (a select) edits the same date: marked with the same message.
    const select = page.getByTestId('condor-expiry-pick');
    await expect(select).toHaveAttribute('aria-invalid', 'true');
    await expect(select).toHaveAttribute('aria-describedby', 'error-condor-expiry');
    await app.errorLink('Condor expiry').click();
    expect(await app.focusedId()).toBe('input-condor-expiry');
    // The days box: its own message with the field's label.
    const days = page.getByTestId('condor-expiry-days');
    await days.fill('abc');
    await days.press('Tab');
    await app.expectFieldMessage(days, 'Condor expiry: days to expiry must be a whole number from 1 to 1830');
  });

  test('folded group: the summary link unfolds the group and focuses the field', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new A11yPage(page);
    await app.open();
    // Phones start with the groups folded.
    await expect(app.group('account')).not.toHaveAttribute('open', '');
    await app.input('account.capital').evaluate((el: HTMLInputElement) => {
      el.value = '0';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await expect(app.errorLink('Capital')).toBeVisible();
    await app.errorLink('Capital').click();
    await expect(app.group('account')).toHaveAttribute('open', '');
    expect(await app.focusedId()).toBe('input-account-capital');
    await app.expectFieldMessage(app.input('account.capital'), /Capital must be between 1 \$ and/);
  });

  test('short put -1 says -1, never -0; 1e308 stays compact', async ({ page }) => {
    const app = new A11yPage(page);
    await app.open();
    await app.setField('condor.short_put', '-1');
    await app.expectFieldMessage(app.input('condor.short_put'), '(got -1 pts)');
    await expect(app.fieldError('condor.short_put')).not.toContainText('-0');
    await expect(app.input('condor.short_put')).toHaveValue('-1');
    await app.setField('condor.short_put', '5600');
    await app.setField('market.rate', '1e308');
    const value = await app.input('market.rate').inputValue();
    expect(value.length).toBeLessThan(16);
    await app.expectFieldMessage(app.input('market.rate'), 'Risk-free rate must be between -5% and 25% (got 1e308%)');
    // No "-0" anywhere on the page.
    expect(await page.locator('body').innerText()).not.toMatch(/(^|[^\d.,])[-−]0(?![\d.,])/);
  });
});
