import { expect, test } from '@playwright/test';
import { RulesPanel } from './pages/RulesPanel';

test.describe('ALVH rules panel', () => {
  test('shows sixteen rule chips, each with a verdict word and expandable reasoning', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    await expect(page.getByTestId('rule-chips').locator('> li')).toHaveCount(16);
    for (let i = 1; i <= 16; i++) {
      expect(['pass', 'warn', 'fail', 'info']).toContain(await rules.verdict(`R${i}`));
      await expect(page.getByTestId(`rule-R${i}-verdict`)).toHaveText(/^(pass|warn|fail|info)$/);
    }
    const sentence = await rules.expand('R3');
    await expect(sentence).toBeVisible();
    await expect(sentence).toContainText('P/CF');
    await expect(rules.rule('R3').locator('dl.rule-inputs dt').first()).toBeVisible();
    expect(rules.app.consoleErrors).toEqual([]);
  });

  test('lowering P/CF below the threshold raises the ratio and the quantity', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    await expect(rules.app.input('indicators.pcf')).toHaveValue('12');
    await expect(rules.ratio).toContainText('12%');
    const qtyBefore = parseInt((await rules.quantity.textContent()) ?? '', 10);
    const notionalBefore = await rules.notional.textContent();
    expect(qtyBefore).toBeGreaterThan(0);
    await rules.app.setField('indicators.pcf', '9.5');
    await expect(rules.ratio).not.toContainText(/^12%/);
    await expect(rules.notional).not.toHaveText(notionalBefore ?? '');
    const qtyAfter = parseInt((await rules.quantity.textContent()) ?? '', 10);
    expect(qtyAfter).toBeGreaterThan(qtyBefore);
    await expect(page.getByTestId('ratio-table').locator('tr[data-current="true"]')).toContainText('current');
  });

  test('the regime override changes the regime, the cap and the recommendation', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    // Deep enough below the threshold that the bullish cap binds and the bearish one does not.
    await rules.app.setField('indicators.pcf', '7');
    await rules.regimeSelect.selectOption({ label: 'Bullish (override)' });
    await expect(rules.regimeWord).toHaveText('bullish');
    await expect(page.getByTestId('regime-reason')).toContainText('Overridden');
    const bullishRatio = await rules.ratio.textContent();
    const bullishQty = parseInt((await rules.quantity.textContent()) ?? '', 10);
    await rules.regimeSelect.selectOption({ label: 'Bearish (override)' });
    await expect(rules.regimeWord).toHaveText('bearish');
    await expect(rules.ratio).not.toHaveText(bullishRatio ?? '');
    const bearishQty = parseInt((await rules.quantity.textContent()) ?? '', 10);
    expect(bearishQty).toBeGreaterThan(bullishQty);
    await rules.regimeSelect.selectOption({ label: 'Computed by R2' });
    await expect(page.getByTestId('regime-reason')).not.toContainText('Overridden');
  });

  test('Apply replaces the hedge inputs and the chart; Undo restores them', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    await rules.app.setField('indicators.pcf', '9.5');
    const hedgeBefore = await rules.hedgeInputs();
    const hashBefore = await rules.app.canvasHash();
    const figuresBefore = await rules.app.figures();
    await expect(rules.undo).toBeDisabled();
    await expect(rules.apply).toBeEnabled();
    await rules.apply.click();
    await expect.poll(() => rules.hedgeInputs()).not.toEqual(hedgeBefore);
    await expect.poll(() => rules.app.canvasHash()).not.toBe(hashBefore);
    expect(await rules.app.figures()).not.toEqual(figuresBefore);
    // The recommended quantity is now in the hedge: R5 says the current hedge matches.
    await expect(page.getByTestId('rule-R5-sentence')).toContainText('current hedge matches');
    await expect(rules.undo).toBeEnabled();
    await rules.undo.click();
    await expect.poll(() => rules.hedgeInputs()).toEqual(hedgeBefore);
    await expect.poll(() => rules.app.canvasHash()).toBe(hashBefore);
    expect(await rules.app.figures()).toEqual(figuresBefore);
    await expect(rules.undo).toBeDisabled();
  });

  test('R14 leaves pass when P/E crosses the gate', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    await rules.app.setField('indicators.pe', '24');
    await expect.poll(() => rules.verdict('R14')).toBe('pass');
    await rules.app.setField('indicators.pe', '24.5');
    await expect.poll(() => rules.verdict('R14')).not.toBe('pass');
    await expect(page.getByTestId('rule-R14-verdict')).not.toHaveText('pass');
  });

  test('R12 fails when the beta cap is lowered below the portfolio beta', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    await rules.app.setField('rules.max_beta', '100');
    await expect.poll(() => rules.verdict('R12')).toBe('pass');
    await rules.app.setField('rules.max_beta', '0');
    await expect.poll(() => rules.verdict('R12')).toBe('fail');
    await expect(rules.rule('R12')).toHaveClass(/v-fail/);
  });

  test('a pasted CSV with a bad line lists the line-numbered error and keeps the series', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    const fp = await rules.app.fingerprint.textContent();
    const macd = await page.getByTestId('macd-readout').textContent();
    await rules.pasteSeries('indicators.vix_series', 'date,close\n2026-01-02,18.1\n2026-01-05,abc\n2026-01-06,18.4');
    const errors = rules.app.fieldError('indicators.vix_series');
    await expect(errors).toBeVisible();
    await expect(errors).toContainText('line 3');
    await expect(rules.app.input('indicators.vix_series')).toHaveAttribute('aria-invalid', 'true');
    // Not applied: the configuration and the MACD readout are unchanged.
    await expect(rules.app.fingerprint).toHaveText(fp ?? '');
    await expect(page.getByTestId('macd-readout')).toHaveText(macd ?? '');
    // The sample button clears the error and keeps the bundled series.
    await page.getByTestId('indicators-vix_series-reset').click();
    await expect(errors).toHaveCount(0);
    await expect(page.getByTestId('indicators-vix_series-source')).toContainText('ILLUSTRATIVE');
  });

  test('a valid pasted SPX series drives the RSI', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    const lines = ['date,close'];
    for (let i = 0; i < 20; i++) {
      const d = new Date(Date.UTC(2026, 0, 2 + i));
      lines.push(`${d.toISOString().slice(0, 10)},${(6000 + i * 10).toFixed(1)}`);
    }
    await rules.pasteSeries('indicators.spx_series', lines.join('\n'));
    await expect(rules.app.fieldError('indicators.spx_series')).toHaveCount(0);
    // Only rising closes: RSI(14) is 100.
    await expect(page.getByTestId('indicators-spx_series-source')).toContainText('RSI 100.0');
    // The small RSI chart appears with the series (none while the RSI is typed).
    await expect(page.getByTestId('rsi-chart')).toBeVisible();
    await expect(page.getByTestId('rsi-chart-last')).toHaveText('100.0');
    await expect(page.getByTestId('rsi-chart').locator('polyline')).toHaveAttribute('points', /,/);
  });

  test('the MACD chart shows the recent histogram bars of the sample series', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    await expect(page.getByTestId('rsi-chart')).toHaveCount(0);
    await expect(page.getByTestId('macd-histogram').locator('rect')).toHaveCount(40);
  });

  test('signing gives a valid signature; changing an input makes it invalid', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    await expect(rules.reviewFingerprint).toHaveText((await rules.app.fingerprint.textContent()) ?? 'x');
    await rules.initials.fill('AB');
    await rules.sign.click();
    await expect(rules.signatures).toHaveCount(1);
    await expect(rules.signatures.first()).toHaveAttribute('data-valid', 'true');
    await expect(page.getByTestId('signature-0-status')).toHaveText('valid');
    await rules.initials.fill('CD');
    await rules.initials.press('Enter');
    await expect(rules.signatures).toHaveCount(2);
    await expect.poll(() => rules.verdict('R16')).toBe('pass');
    await rules.app.setField('condor.contracts', '3');
    await expect(rules.signatures.first()).toHaveAttribute('data-valid', 'false');
    await expect(page.getByTestId('signature-0-status')).toContainText('invalid');
    await expect.poll(() => rules.verdict('R16')).toBe('warn');
    // Removing the first signature leaves the second, renumbered.
    await page.getByTestId('signature-0-remove').click();
    await expect(rules.signatures).toHaveCount(1);
    await expect(rules.signatures.first()).toContainText('CD');
    await expect(page.getByTestId('signature-1-remove')).toHaveCount(0);
  });

  test('signing without initials asks for them and adds nothing', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    await rules.sign.click();
    await expect(page.getByTestId('review-error')).toContainText('initials');
    await expect(rules.signatures).toHaveCount(0);
  });

  test('invalid account text shows a message and leaves the configuration alone', async ({ page }) => {
    const rules = new RulesPanel(page);
    await rules.open();
    const fp = await rules.app.fingerprint.textContent();
    await rules.app.setField('account.capital', 'lots');
    await expect(rules.app.fieldError('account.capital')).toContainText('not a number');
    await expect(rules.app.fingerprint).toHaveText(fp ?? '');
    await rules.app.setField('account.capital', '250000');
    await expect(rules.app.fieldError('account.capital')).toHaveCount(0);
    await expect(rules.app.fingerprint).not.toHaveText(fp ?? '');
  });

  test('phone width: opened rules and CSV errors do not overflow the page', async ({ page }) => {
    const rules = new RulesPanel(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await rules.open();
    for (const id of ['R1', 'R5', 'R16']) await rules.expand(id);
    await rules.pasteSeries('indicators.vix_series', 'date,close\n2026-01-02,18.1\nnot a line at all, really');
    await expect(rules.app.fieldError('indicators.vix_series')).toContainText('line 3');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    const panel = await rules.panel.boundingBox();
    expect(panel && panel.width <= 375).toBeTruthy();
  });
});
