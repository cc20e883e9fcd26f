import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AlvhPage } from './pages/AlvhPage';
import { HISTORY_CSV, HistoryPanel } from './pages/HistoryPanel';

/** The shipped series' SPX close on a date, read from the data file itself. */
function spxClose(date: string): number {
  const line = readFileSync('assets/history/spx_vix_daily.csv', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${date},`));
  if (!line) throw new Error(`no row for ${date}`);
  return Number(line.split(',')[1]);
}

const csvRequests = (app: AlvhPage) => app.requests.filter((u) => u.includes(HISTORY_CSV));

test.describe('History view', () => {
  test('fetches the series only when opened, then replays March 2020 into a table', async ({ page }) => {
    const app = new AlvhPage(page);
    const history = new HistoryPanel(page);
    await app.open();
    await expect(history.panel).toBeVisible();
    // The first chart never waits for the series: nothing is requested before the view opens.
    await page.waitForTimeout(500);
    expect(csvRequests(app)).toEqual([]);
    await history.open();
    expect(csvRequests(app).length).toBe(1);
    await expect(history.status).toContainText('1990-01-02');
    await expect(page.getByTestId('history-provenance')).toContainText('no historical option quotes');

    // March 2020 is the default episode.
    await expect(page.getByTestId('history-episode')).toHaveValue('2020-03');
    const cells = await history.tableText();
    expect(cells.length).toBeGreaterThan(20);
    expect(cells[0][0]).toBe('2020-02-19');
    const spx = HistoryPanel.value(await history.row('2020-03-16').locator('td').nth(1).innerText());
    expect(spx).toBeCloseTo(spxClose('2020-03-16'), 2);
    for (const row of cells) {
      for (const cell of row.slice(1)) expect(Number.isFinite(HistoryPanel.value(cell)), cell).toBe(true);
    }
    await expect(history.table.locator('tr.worst')).toHaveCount(1);
    await expect(page.getByTestId('history-worst')).toContainText('2020-03');
    await expect(page.getByTestId('history-worst')).not.toContainText('NaN');
    await expect(page.getByTestId('history-predicted')).toContainText('predicted');
    // The README's replay image (docs/history-replay.png), taken from the page as built.
    await page.getByTestId('history-replay-chart').screenshot({ path: 'docs/history-replay.png' });

    // Copy table: tab-separated, a header line and one line per row.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('history-copy-table').click();
    await expect(page.getByTestId('history-copy-status')).toContainText(`Copied ${cells.length} rows`);
    const tsv: string = await page.evaluate(() => navigator.clipboard.readText());
    expect(tsv.trim().split('\n').length).toBe(cells.length + 1);
    expect(tsv.split('\n')[1].startsWith('2020-02-19\t')).toBe(true);
    expect(app.consoleErrors).toEqual([]);
  });

  test('a start date before the series is an error beside the field', async ({ page }) => {
    const app = new AlvhPage(page);
    const history = new HistoryPanel(page);
    await app.open();
    await history.open();
    await history.pickEpisode('');
    await page.getByTestId('history-start').fill('1985-06-03');
    await page.getByTestId('history-start').press('Enter');
    await page.getByTestId('history-start').blur();
    await expect(page.getByTestId('history-start-error')).toContainText('before the series');
    await page.getByTestId('history-start').fill('2008-09-02');
    await page.getByTestId('history-start').blur();
    await expect(page.getByTestId('history-start-error')).toHaveCount(0);
    expect((await history.tableText())[0][0]).toBe('2008-09-02');
    expect(app.consoleErrors).toEqual([]);
  });

  test('an invalid pasted CSV lists its bad lines and keeps the text', async ({ page }) => {
    const app = new AlvhPage(page);
    const history = new HistoryPanel(page);
    await app.open();
    await history.open();
    const text = 'date,spx,vix\n2020-01-02,3257.85,12.47\n2020-01-03,abc,14.02\n2020-01-01,3234.85,13.85\n';
    await history.pasteCsv(text);
    await expect(history.csvErrors).toContainText('line 3');
    await expect(history.csvErrors).toContainText('line 4');
    await expect(history.csv).toHaveValue(text);
    // The shipped series is still the one in use.
    await expect(history.status).toContainText('Shipped series');
    // A valid series of one's own replaces it; the shipped one can be restored.
    await history.csv.fill('date,spx,vix\n2020-01-02,3257.85,12.47\n2020-01-03,3234.85,14.02\n2020-01-06,3246.28,13.85\n');
    await page.getByTestId('history-csv-use').click();
    await expect(history.status).toContainText('Your series: 2020-01-02 to 2020-01-06, 3 trading days');
    await page.getByTestId('history-restore').click();
    await expect(history.status).toContainText('Shipped series');
  });

  test('the view reproduces from its link', async ({ page, context }) => {
    const app = new AlvhPage(page);
    const history = new HistoryPanel(page);
    await app.open();
    await history.open();
    await history.pickEpisode('2008-10');
    await page.getByTestId('history-days').fill('15');
    await page.getByTestId('history-days').blur();
    await expect(history.rows).toHaveCount(15);
    const table = await history.tableText();
    await expect(app.shareLink).toHaveValue(/&h=1\./);
    const link = await app.shareLink.inputValue();

    const other = await context.newPage();
    const app2 = new AlvhPage(other);
    const history2 = new HistoryPanel(other);
    await app2.openUrl(link);
    await history2.waitForData();
    await expect(other.getByTestId('history-episode')).toHaveValue('2008-10');
    await expect(history2.rows).toHaveCount(15);
    expect(await history2.tableText()).toEqual(table);
    await expect(app2.notices).toHaveCount(0);
    expect(app2.consoleErrors).toEqual([]);
  });

  test('the embed shows a replay from a link', async ({ page }) => {
    const app = new AlvhPage(page);
    const history = new HistoryPanel(page);
    await app.open();
    await history.open();
    await expect(app.shareLink).toHaveValue(/&h=1\./);
    const link = await app.shareLink.inputValue();
    const embed = await page.context().newPage();
    const app2 = new AlvhPage(embed);
    const history2 = new HistoryPanel(embed);
    await app2.openUrl(`${link}&embed=1`);
    await history2.waitForData();
    await expect(history2.rows.first()).toBeVisible();
    await expect(embed.getByTestId('history-replay-chart')).toBeVisible();
  });

  test('calibration: the fit figures appear and "Use the fitted link" sets the scenario, Undo restores it', async ({ page }) => {
    const app = new AlvhPage(page);
    const history = new HistoryPanel(page);
    await app.open();
    await history.open();
    await history.section('calibration');
    await expect(history.fitFreeRmse).toHaveText(/^\d+\.\d{4}$/);
    const rmse = Number(await history.fitFreeRmse.innerText());
    const rmseNow = Number(await page.getByTestId('history-fit-now-rmse').innerText());
    expect(rmse).toBeGreaterThan(0);
    // RMSE at the scenario's link is scored on the same windows: the fit cannot do worse.
    expect(rmse).toBeLessThanOrEqual(rmseNow);
    await expect(page.getByTestId('history-bands').locator('tbody tr').first()).toBeVisible();

    const beta = app.input('scenario.beta_dn');
    const before = await beta.inputValue();
    const print = await app.fingerprint.innerText();
    await page.getByTestId('history-use-fit').click();
    await expect(beta).not.toHaveValue(before);
    await expect(app.fingerprint).not.toHaveText(print);
    await page.getByTestId('history-use-fit-undo').click();
    await expect(beta).toHaveValue(before);
    await expect(app.fingerprint).toHaveText(print);

    await page.getByTestId('history-horizon').selectOption('21');
    await expect(history.fitFreeRmse).not.toHaveText(String(rmse.toFixed(4)));
    expect(app.consoleErrors).toEqual([]);
  });

  test('fits a phone screen', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new AlvhPage(page);
    const history = new HistoryPanel(page);
    await app.open();
    await history.open();
    await expect(history.rows.first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('a failed fetch says so and can be retried', async ({ page }) => {
    const app = new AlvhPage(page);
    const history = new HistoryPanel(page);
    await page.route(`**/${HISTORY_CSV}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await app.open();
    await history.tab.click();
    await expect(history.status).toContainText('could not be loaded');
    await expect(history.status).toContainText('404');
    await page.unroute(`**/${HISTORY_CSV}`);
    await page.getByTestId('history-retry').click();
    await history.waitForData();
  });
});
