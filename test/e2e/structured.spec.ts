/**
 * The structured record in Chromium (issue 14; R28–R31): the default view where the practice
 * offers it, every area with a screenshot, sorting and filtering, links from a problem, List
 * warnings, an area the practice disabled, and a practice with HTML only.
 */
import { expect, test } from './page-errors';

const MEAKIN = '9658218873';
const AREAS: [string, string, string][] = [
  ['allergies', 'Active allergies and adverse reactions', 'Penicillin allergy'],
  ['medications', 'Current medications', 'Metformin'],
  ['problems', 'Active problems', 'Type 2 diabetes mellitus'],
  ['immunisations', 'Immunisations given', 'Pneumococcal polysaccharide vaccination'],
  ['consultations', 'Consultations', 'Face to face consultation'],
  ['investigations', 'Investigations and results', 'Haemoglobin A1c level'],
  ['uncategorised', 'Uncategorised data', 'Blood pressure'],
  ['referrals', 'Referrals', 'Leeds Diabetic Eye Screening Programme'],
  ['diary', 'Diary entries', 'Diabetes annual review'],
];

test('R31: where the practice offers Structured the patient opens on its overview, with the HTML record one click away', async ({ page }, testInfo) => {
  await page.goto(`/patients/${MEAKIN}`);
  await expect(page).toHaveURL(new RegExp(`/patients/${MEAKIN}/structured$`));
  const overview = page.getByTestId('structured-overview');
  await expect(overview.getByTestId('allergies-active').getByTestId('allergy')).toHaveCount(3);
  await expect(overview.getByTestId('medications-current').getByTestId('medication').first()).toBeVisible();
  await expect(overview.getByTestId('problems-active')).toContainText('Type 2 diabetes mellitus');
  // Only what is current on the overview: ended allergies and past medications are on their own pages.
  await expect(overview.getByTestId('allergies-ended')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('structured-overview.png'), fullPage: true });
  await expect(page.getByRole('navigation', { name: 'Structured record' })).toBeVisible();
  await page.getByRole('link', { name: 'Open Medications as the practice wrote it (HTML)' }).click();
  await expect(page).toHaveURL(new RegExp(`/patients/${MEAKIN}/record/MED$`));
  await expect(page.getByTestId('provider-html')).toContainText('Metformin');
});

for (const [area, caption, text] of AREAS) {
  test(`R28: ${area}: its table, as the practice sent it`, async ({ page }, testInfo) => {
    await page.goto(`/patients/${MEAKIN}/structured/${area}`);
    const table = page.locator('.clinical-table').filter({ hasText: caption }).first();
    await expect(table).toContainText(text);
    await expect(page.getByTestId('unmapped')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath(`structured-${area}.png`), fullPage: true });
  });
}

test('R29: medications sort by a column and filter by words; the issue history opens', async ({ page }) => {
  await page.goto(`/patients/${MEAKIN}/structured/medications`);
  const current = page.getByTestId('medications-current');
  const rows = current.getByTestId('medication');
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  expect(total).toBeGreaterThan(2);
  const header = current.getByRole('columnheader', { name: /Medication/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const names = await rows.locator('td:first-child').allInnerTexts();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');

  await page.getByLabel('Filter by words').fill('metformin');
  await page.getByLabel('Filter by words').press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(current).toContainText(`1 of ${total} shown`);
  await expect(page).toHaveURL(/q=metformin/);
  await rows.first().locator('.medication-issues summary').click();
  await expect(rows.first().getByTestId('medication-issues').locator('li').first()).toBeVisible();
  await page.getByRole('button', { name: 'Clear words' }).click();
  await expect(rows).toHaveCount(total);
});

test("R30: a problem's linked medication opens medications, filtered to it", async ({ page }) => {
  await page.goto(`/patients/${MEAKIN}/structured/problems`);
  const link = page
    .getByTestId('problems-active')
    .getByRole('link', { name: /^Medication: / })
    .first();
  const label = (await link.innerText()).replace(/^Medication: /, '').replace(/\s*\(.*\)$/, '');
  await link.click();
  await expect(page).toHaveURL(/\/structured\/medications\?q=/);
  await expect(page.locator('[data-testid="medication"]').first()).toContainText(label);
});

test("R30: a problem's linked result opens investigations, filtered to it", async ({ page }) => {
  await page.goto(`/patients/${MEAKIN}/structured/problems`);
  const diabetes = page.getByTestId('problem').filter({ hasText: 'Type 2 diabetes mellitus' });
  await diabetes
    .getByRole('link', { name: /^Result: Haemoglobin A1c/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/structured\/investigations\?q=/);
  await expect(page.getByTestId('investigation').first()).toContainText('Haemoglobin A1c');
});

test('R28: a Structured-only practice: List warnings, degraded codes, and no HTML record offered', async ({ page }, testInfo) => {
  await page.goto('/patients/9690125184/structured/medications');
  await expect(page.getByTestId('list-warning-confidential-items').first()).toBeVisible();
  await expect(page.getByTestId('list-warning-data-in-transit').first()).toBeVisible();
  await expect(page.getByTestId('degraded').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('structured-warnings.png'), fullPage: true });
  await page.getByRole('navigation', { name: 'Structured record' }).getByRole('link', { name: 'Allergies and adverse reactions' }).click();
  await expect(page.getByTestId('degraded').first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Record sections' })).toHaveCount(0);
  await expect(page.getByText('as the practice wrote it (HTML)')).toHaveCount(0);
});

test('R31: an area the practice disabled says so and offers the HTML section', async ({ page }) => {
  await page.goto('/patients/9690123408/structured/referrals');
  await expect(page.getByTestId('area-disabled')).toContainText('The practice has switched this area off');
  await expect(page.getByTestId('area-disabled')).toContainText('This does not mean there is nothing recorded');
  await expect(page.getByTestId('referrals')).toHaveCount(0);
  await page
    .getByTestId('area-disabled')
    .getByRole('link', { name: /Referrals as the practice wrote it/ })
    .click();
  await expect(page).toHaveURL(/\/record\/REF$/);
});

test('R31: a practice with HTML only opens on the Summary, with no structured record offered', async ({ page }) => {
  await page.goto('/patients/9658218997');
  await expect(page).toHaveURL(/\/record\/SUM$/);
  await expect(page.getByRole('navigation', { name: 'Structured record' })).toHaveCount(0);
});

test('R28: the structured record prints every row, with the patient banner', async ({ page }) => {
  await page.goto(`/patients/${MEAKIN}/structured/medications`);
  await expect(page.getByTestId('medications-current').getByTestId('medication').first()).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.structured-filter')).toBeHidden();
  const rows = page.locator('[data-testid="medication"]');
  for (const row of await rows.all()) await expect(row).toBeVisible();
});

test('trends: the chart library loads only when a chart is shown; the chart and its values table side by side', async ({ page }, testInfo) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(`/patients/${MEAKIN}/structured/uncategorised`);
  const trends = page.getByTestId('trends');
  await expect(trends.getByRole('button', { name: /^Blood pressure/ })).toBeVisible();
  const before = scripts.length;
  await trends.getByRole('button', { name: /^Blood pressure/ }).click();
  await expect(trends.getByRole('button', { name: /^Blood pressure/ })).toHaveAttribute('aria-pressed', 'true');
  const chart = trends.getByTestId('trend-chart');
  await expect(chart.locator('canvas')).toBeVisible();
  // Systolic and diastolic, each a series of the one chart.
  await expect(chart).toContainText('Systolic');
  await expect(chart).toContainText('Diastolic');
  expect(scripts.slice(before).some((url) => /TrendChart/.test(url))).toBe(true);
  expect(scripts.slice(0, before).some((url) => /TrendChart/.test(url))).toBe(false);
  const rows = trends.getByTestId('trend-values').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(1);
  await page.screenshot({ path: testInfo.outputPath('structured-trend.png'), fullPage: true });
});

test('R28: the large record: a 7,650-row area windowed on screen, every row in print', async ({ page }) => {
  await page.goto('/patients/9690124528/structured/uncategorised');
  const table = page.getByTestId('uncategorised');
  await expect(table.getByTestId('windowed-note')).toContainText('All 7650 rows are here');
  await expect(table.locator('table')).toHaveAttribute('aria-rowcount', '7651');
  const onScreen = await table.getByTestId('observation').count();
  expect(onScreen).toBeGreaterThan(0);
  expect(onScreen).toBeLessThan(200);
  // The last row is reached by scrolling, with its place in the table for a screen reader.
  // Measured rows change the table's height as they come into view: End again until the last row is laid out on screen.
  const last = table.locator('[aria-rowindex="7651"]');
  await expect
    .poll(async () => {
      await page.keyboard.press('End');
      const box = (await last.count()) === 1 ? await last.boundingBox() : null;
      return box !== null && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;
    })
    .toBe(true);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(table.getByTestId('observation')).toHaveCount(7650);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect.poll(() => table.getByTestId('observation').count()).toBeLessThan(200);
});
