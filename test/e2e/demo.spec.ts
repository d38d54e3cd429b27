import { expect, test } from '@playwright/test';
import { DEMO_PORT } from '../../playwright.config';

const DEMO = `http://localhost:${DEMO_PORT}`;

test('the static demo shows a record with no server behind it', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const apiCalls: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/')) apiCalls.push(`${r.status()} ${r.fromServiceWorker() ? 'sw' : 'network'} ${new URL(r.url()).pathname}`);
  });

  await page.goto(`${DEMO}/`);
  // The page first boots its own PostgreSQL (PGlite, for the audit): allow it a few seconds.
  await expect(page.getByTestId('simulated-spine')).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('NHS number').fill('965 821 8873');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('patient-banner')).toContainText('MEAKIN, Mike (Mr)');
  await page.getByRole('link', { name: 'Allergies and Adverse Reactions' }).click();
  const html = page.getByTestId('provider-html');
  await expect(html.getByRole('heading', { level: 1, name: 'Allergies and Adverse Reactions' })).toBeVisible({ timeout: 15_000 });
  await expect(html.locator('table#all-tab-curr')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('demo-allergies.png'), fullPage: true });

  // Finding a patient by their details works in the page too (the simulated PDS search, R32).
  await page.goto(`${DEMO}/find-by-details`);
  await page.getByLabel('Family name').fill('Meakin');
  await page
    .getByRole('group', { name: /Date of birth/ })
    .getByLabel('Day')
    .fill('12');
  await page
    .getByRole('group', { name: /Date of birth/ })
    .getByLabel('Month')
    .fill('5');
  await page
    .getByRole('group', { name: /Date of birth/ })
    .getByLabel('Year')
    .fill('1970');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('match-9658218873')).toContainText('MEAKIN, Mike (Mr)', { timeout: 20_000 });

  // Every /api answer came from the service worker: the static server has no /api at all.
  expect(apiCalls.length).toBeGreaterThan(0);
  expect(apiCalls.every((c) => c.includes(' sw '))).toBe(true);
  const direct = await page.request.get(`${DEMO}/api/health`);
  expect(await direct.text()).toContain('<!doctype html>');
  expect(errors).toEqual([]);
});
