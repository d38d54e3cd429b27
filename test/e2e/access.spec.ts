import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, signIn, test } from './page-errors';

// A patient no other e2e test opens, so the audit rows found for them are this file's.
const NHS = '9690123408';
const SHOWN = '969 012 3408';

test.describe.configure({ mode: 'serial' });

test.describe('signed out', () => {
  test.use({ user: null });

  test('nobody without a session sees a patient: sign in, then back to the page asked for', async ({ page }, testInfo) => {
    await page.goto(`/patients/${NHS}/record/SUM`);
    await expect(page.getByTestId('sign-in')).toContainText('Sign in');
    await expect(page.getByTestId('patient-banner')).toHaveCount(0);
    expect((await page.request.get(`/api/patients/${NHS}`)).status()).toBe(401);
    await page.screenshot({ path: testInfo.outputPath('sign-in.png'), fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    await page.getByTestId('sign-in-button').click();
    // The simulated NHS CIS2's login page: one click per test user.
    await expect(page.getByRole('heading', { name: 'Sign in to GP Connect Viewer' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('simulated-cis2.png'), fullPage: true });
    await page.locator('button[data-user="clinician"]').click();
    await expect(page).toHaveURL(new RegExp(`/patients/${NHS}/record/SUM$`));
    await expect(page.getByTestId('signed-in-user')).toContainText('Nichole Gilbert');
  });
});

test('a clinician signs in and opens a record; the session cookie is HttpOnly and SameSite', async ({ page }, testInfo) => {
  await page.goto(`/patients/${NHS}/record/SUM`);
  await expect(page.getByTestId('signed-in-user')).toContainText('Nichole Gilbert');
  await expect(page.getByTestId('signed-in-user')).toContainText('Clinician · Clinical Practitioner Access Role (R8000)');
  await expect(page.getByTestId('provider-html').getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('clinician-record.png'), fullPage: true });
  const cookie = (await page.context().cookies()).find((c) => c.name === 'gpcv_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
});

test.describe('receptionist', () => {
  test.use({ user: 'receptionist' });

  test('a role without record access finds the patient but is refused the record, and told why', async ({ page }, testInfo) => {
    await page.goto(`/patients/${NHS}`);
    await expect(page.getByTestId('patient-banner')).toContainText(SHOWN);
    await expect(page.getByTestId('no-record-access')).toContainText('Your role does not allow opening GP record sections');
    await expect(page.getByRole('navigation', { name: 'Record sections' }).getByRole('link')).toHaveCount(0);
    // Straight to the address: the BFF refuses it (403), and the page says so.
    await page.goto(`/patients/${NHS}/record/SUM`);
    await expect(page.getByTestId('problem')).toContainText('Your role does not allow this');
    await expect(page.getByTestId('problem')).toContainText('The administrative role may not open the Summary section of a GP record');
    await expect(page.getByTestId('provider-html')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('receptionist-refused.png'), fullPage: true });
  });
});

test.describe('privacy officer', () => {
  test.use({ user: 'privacy-officer' });

  test('the audit page shows both attempts, the success and the refusal, and exports them as CSV', async ({ page }, testInfo) => {
    await page.goto('/audit');
    await page.getByLabel('NHS number').fill(SHOWN);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`nhsNumber=${NHS}`));
    const rows = page.getByTestId('audit-row');
    const clinician = rows.filter({ hasText: 'Nichole Gilbert' }).filter({ hasText: 'Opened a GP record section: Summary' }).first();
    await expect(clinician).toContainText('success');
    await expect(clinician).toContainText('gpc.getcarerecord');
    const refused = rows.filter({ hasText: 'Rita Lowe' }).filter({ hasText: 'Opened a GP record section: Summary' }).first();
    await expect(refused).toContainText('blocked');
    await expect(refused).toContainText('FORBIDDEN_ROLE');
    await page.screenshot({ path: testInfo.outputPath('audit.png'), fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.split('\n')[0]).toContain('occurred_at,user_id,user_name');
    expect(csv).toMatch(new RegExp(`Nichole Gilbert.*record\\.read,${NHS},SUM,success`));
    expect(csv).toMatch(new RegExp(`Rita Lowe.*record\\.read,${NHS},SUM,blocked,403,FORBIDDEN_ROLE`));
  });

  test('a privacy officer may not open patient records', async ({ page }) => {
    expect((await page.request.get(`/api/patients/${NHS}`)).status()).toBe(403);
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Audit' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Find a patient' })).toHaveCount(0);
  });
});

test('a state-changing request without the CSRF token is refused, even with the session cookie', async ({ page }) => {
  await page.goto('/');
  const response = await page.request.post('/api/patients/9690124676/registrations', {
    data: { odsCode: 'A20047', given: 'Owen', family: 'Lister', birthDate: '1984-02-29', gender: 'male' },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).code).toBe('CSRF_REJECTED');
});

test('security headers on pages and API answers', async ({ page }) => {
  const shell = await page.request.get('/patients/9658218873');
  const headers = shell.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const api = await page.request.get('/api/session');
  expect(api.headers()['cache-control']).toBe('no-store');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
});

test('sign out ends the session: the API refuses it afterwards', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('signed-out')).toContainText('You have signed out');
  expect((await page.request.get('/api/session')).status()).toBe(401);
  // Signing in again asks who, every time (the simulated CIS2 keeps no single sign-on).
  await signIn(page, 'nurse');
  await expect(page.getByTestId('signed-in-user')).toContainText('Amir Patel');
});
