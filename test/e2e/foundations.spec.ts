import { expect, test } from './page-errors';

test('a patient whose practice record differs from PDS shows each difference above the record', async ({ page }, testInfo) => {
  await page.goto('/patients/9690124609');
  const differences = page.getByTestId('practice-check-differences');
  await expect(differences).toContainText("The practice's details differ from PDS");
  await expect(page.getByTestId('difference-family')).toContainText('Sutcliffe');
  await expect(page.getByTestId('difference-family')).toContainText('Sutcliff');
  await expect(page.getByTestId('difference-birthDate')).toContainText('14-Aug-1971');
  await expect(page.getByTestId('difference-birthDate')).toContainText('04-Aug-1971');
  await page.screenshot({ path: testInfo.outputPath('demographic-mismatch.png'), fullPage: true });
});

test('register patient: success, then the duplicate is explained', async ({ page }, testInfo) => {
  await page.goto('/patients/9690124676');
  await page.getByRole('link', { name: 'Register this patient temporarily at another practice' }).click();
  await expect(page.getByLabel('Family name')).toHaveValue('Lister');
  await page.getByLabel('ODS code of the practice to register at').fill('A20047');
  await page.getByRole('button', { name: 'Register temporarily' }).click();
  await expect(page.getByTestId('registration-success')).toContainText('registered at practice A20047 as Temporary');
  await page.screenshot({ path: testInfo.outputPath('register-success.png'), fullPage: true });

  await page.getByRole('link', { name: 'Back to the patient' }).click();
  await page.getByRole('link', { name: 'Register this patient temporarily at another practice' }).click();
  await page.getByLabel('ODS code of the practice to register at').fill('A20047');
  await page.getByRole('button', { name: 'Register temporarily' }).click();
  await expect(page.getByTestId('problem')).toContainText('The patient is already registered at this practice');
  await page.screenshot({ path: testInfo.outputPath('register-duplicate.png'), fullPage: true });
});
