import { expect, test } from '@playwright/test';
import { signIn } from './page-errors';

// Not the page-errors fixture: these tests inject faults on purpose, and the browser logs the 5xx they cause.
test.beforeEach(async ({ page }) => signIn(page, 'clinician'));

test.afterEach(async ({ request }) => {
  // Leave the shared simulated Spine as the other tests expect it.
  await request.put('/__simulated-spine/control', { data: { latencyMs: {}, faults: {}, sspGatewayTimeoutMs: 10000 } });
});

test('the Simulated Spine page lists test patients and injects a fault the user then sees', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('simulated-spine').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Simulated Spine' })).toBeVisible();
  const patients = page.getByTestId('test-patients');
  await expect(patients.getByRole('link', { name: '965 821 8873' })).toBeVisible();
  expect(await patients.locator('tbody tr').count()).toBeGreaterThanOrEqual(13);

  await page.getByLabel('Behaviour of PDS').selectOption('error-5xx');
  await page.getByRole('button', { name: 'Apply to the simulated Spine' }).click();
  await expect(page.getByRole('status')).toContainText('Applied');
  await page.screenshot({ path: testInfo.outputPath('simulated-spine.png'), fullPage: true });

  // A patient no other test opens: the BFF reuses recent traces, which would skip PDS.
  await patients.getByRole('link', { name: '969 012 3475' }).click();
  await expect(page.getByTestId('problem')).toContainText('PDS (the national demographics service) is not answering');
  await expect(page.getByTestId('problem-step')).toHaveText('PDS (patient demographics)');
});

test('a bad latency value is refused with a clear message', async ({ page }) => {
  await page.goto('/simulated-spine');
  await page.getByLabel('Latency of PDS in milliseconds').fill('soon');
  await page.getByRole('button', { name: 'Apply to the simulated Spine' }).click();
  await expect(page.getByRole('alert')).toContainText('Latency for pds must be a whole number of milliseconds');
});
