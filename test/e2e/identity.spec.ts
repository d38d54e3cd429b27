/**
 * The other ways in, in a real browser at 1024×768 against the simulated Spine: search by details
 * (R32), a worklist from a batch-traced file (R36), an ended registration (R37) and a practice SDS
 * cannot route (R34).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './page-errors';

test('R32: find by details: the form, the matches in score order, then the ordinary trace', async ({ page }, testInfo) => {
  const bodies: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/patients/search')) bodies.push(`${r.url()} ${r.postData() ?? ''}`);
  });
  await page.goto('/find-by-details');
  await page.getByLabel('Family name').focus();
  await page.keyboard.type('Smyth');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Olivar');
  await page
    .getByRole('group', { name: /Date of birth/ })
    .getByLabel('Day')
    .fill('1');
  await page
    .getByRole('group', { name: /Date of birth/ })
    .getByLabel('Month')
    .fill('1');
  await page
    .getByRole('group', { name: /Date of birth/ })
    .getByLabel('Year')
    .fill('1980');
  await page.getByLabel('Include similar-sounding names').check();
  await page.getByRole('button', { name: 'Search' }).press('Enter');
  const results = page.getByTestId('search-results');
  await expect(results).toBeVisible();
  await expect(results.getByRole('row').nth(1)).toContainText('SMITH, Oliver');
  await page.screenshot({ path: testInfo.outputPath('find-by-details.png'), fullPage: true });
  // The criteria went in the body, not the address.
  expect(bodies).toHaveLength(1);
  expect(bodies[0]).toMatch(/^\S+\/api\/patients\/search \{/);
  expect(bodies[0].split(' ')[0]).not.toMatch(/Smyth|1980/);
  await results.getByRole('link', { name: /SMITH, Oliver/ }).click();
  await expect(page.getByTestId('banner-nhs-number')).toHaveText('969 012 5060');
});

test('R36: a worklist from a CSV file: preview, refused rows by line, each patient traced afresh with differences shown', async ({ page }, testInfo) => {
  await page.goto('/worklist');
  const csv = [
    'NHS Number,Surname,Forename,DOB',
    '9658218873,Meakin,Mike,12/05/1970',
    '9690124609,Sutcliff,Joanne,14/08/1971',
    '1234567890,Bad,Row,01/01/1970',
  ].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'clinic.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('worklist-preview')).toContainText('3 rows');
  await page.getByRole('button', { name: 'Load the worklist' }).click();
  await expect(page.getByTestId('worklist')).toContainText('clinic.csv: 2 patients');
  await expect(page.getByTestId('worklist-refused')).toContainText('Line 4: the NHS number');
  const row = page.getByTestId('worklist-row-3');
  await row.getByRole('button', { name: 'Trace on PDS' }).click();
  await expect(row.getByTestId('worklist-differences')).toContainText('family name: file "Sutcliff", PDS "Sutcliffe"');
  await page.screenshot({ path: testInfo.outputPath('worklist.png'), fullPage: true });
  // Gone at reload: the list lived in the page only.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Worklist from a batch trace' })).toBeVisible();
  await expect(page.getByTestId('worklist')).toHaveCount(0);
});

test('R37: an ended registration is flagged but the record still opens', async ({ page }, testInfo) => {
  await page.goto('/patients/9690125036/record/SUM');
  await expect(page.getByTestId('banner-registration-ended')).toContainText('registration ended');
  await expect(page.getByTestId('gate-REGISTRATION_ENDED')).toContainText('may no longer hold');
  await expect(page.getByTestId('provider-html')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('registration-ended.png'), fullPage: true });
});

test.describe('R34: SDS holds two systems for the practice that nothing tells apart', () => {
  // The BFF answers 502 SDS_AMBIGUOUS on purpose; the page explains it.
  test.use({ failedStatuses: [502] });

  test('the record is not opened, the problem is named, and the page is accessible', async ({ page }, testInfo) => {
    await page.goto('/patients/9690125028/record/SUM');
    await expect(page.getByRole('heading', { name: /does not say which GP system to use/ })).toBeVisible();
    await expect(page.getByTestId('provider-html')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('sds-ambiguous.png'), fullPage: true });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
