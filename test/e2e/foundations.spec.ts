import { expect, test } from './page-errors';

test('a patient whose practice record differs from PDS shows each difference above the record', async ({ page }, testInfo) => {
  await page.goto('/patients/9690124609');
  const differences = page.getByTestId('practice-check-differences');
  await expect(differences).toContainText("The practice's details differ from PDS");
  await expect(differences.getByTestId('difference-family')).toContainText('Sutcliffe');
  await expect(differences.getByTestId('difference-family')).toContainText('Sutcliff');
  await expect(differences.getByTestId('difference-birthDate')).toContainText('14-Aug-1971');
  await expect(differences.getByTestId('difference-birthDate')).toContainText('04-Aug-1971');
  // The patient opens on the structured overview, held back until the user confirms the same differences (R7): asked once, not per area.
  await expect(page.getByTestId('identity-confirm').getByTestId('difference-birthDate')).toContainText('04-Aug-1971');
  await page.screenshot({ path: testInfo.outputPath('demographic-mismatch.png'), fullPage: true });
});

test('register patient: success, then the duplicate is explained', async ({ page }, testInfo) => {
  await page.goto('/patients/9690124676');
  // The practice check lands above the page and moves it down: let it settle before clicking.
  await expect(page.getByTestId('practice-check-match')).toBeVisible();
  await page.getByRole('link', { name: 'Register this patient temporarily at another practice' }).click();
  await expect(page.getByLabel('Family name')).toHaveValue('Lister');
  await page.getByLabel('ODS code of the practice to register at').fill('A20047');
  await page.getByRole('button', { name: 'Register temporarily' }).click();
  await expect(page.getByTestId('registration-success')).toContainText('registered at practice A20047 as Temporary');
  await page.screenshot({ path: testInfo.outputPath('register-success.png'), fullPage: true });

  await page.getByRole('link', { name: 'Back to the patient' }).click();
  await expect(page.getByTestId('practice-check-match')).toBeVisible();
  await page.getByRole('link', { name: 'Register this patient temporarily at another practice' }).click();
  await page.getByLabel('ODS code of the practice to register at').fill('A20047');
  await page.getByRole('button', { name: 'Register temporarily' }).click();
  await expect(page.getByTestId('problem')).toContainText('The patient is already registered at this practice');
  await page.screenshot({ path: testInfo.outputPath('register-duplicate.png'), fullPage: true });
});

test('organisation search → organisation page → location', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Organisations' }).click();
  await page.getByLabel('ODS code').fill('a20047');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Dr Legg's Surgery" })).toBeVisible();
  await expect(page.getByTestId('organisation-address')).toContainText('1 Legg Street');
  await expect(page.getByTestId('capability')).toContainText('1.6.2');
  await page.getByTestId('flow-panel').locator('summary').click();
  await expect(page.getByTestId('flow-panel')).toContainText('search organisation');
  await page.screenshot({ path: testInfo.outputPath('organisation.png'), fullPage: true });

  await page.getByLabel('Location id').fill('11');
  await page.getByRole('button', { name: 'Open location' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roundhay Branch Surgery' })).toBeVisible();
  await expect(page.getByTestId('location-address')).toContainText('14 Street Lane');
  await page.screenshot({ path: testInfo.outputPath('location.png'), fullPage: true });
});

test('practitioner search: one record with two role profile ids', async ({ page }, testInfo) => {
  await page.goto('/practitioners');
  await page.getByLabel('SDS user ID').fill('G22345655');
  await page.getByLabel('Practice ODS code').fill('A20047');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('practitioner-name')).toHaveText('Mr Kibo Slater');
  await expect(page.locator('main')).toContainText('PT1122');
  await expect(page.locator('main')).toContainText('PT1234');
  await page.screenshot({ path: testInfo.outputPath('practitioner.png'), fullPage: true });
});
