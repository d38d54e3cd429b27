import { expect, test } from './page-errors';

test('search → banner and the record at once (Enter on the NHS number) → the Summary → another section', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('simulated-spine')).toBeVisible();
  await page.getByLabel('NHS number').fill('965 821 8873');
  await page.getByLabel('NHS number').press('Enter');
  await expect(page.getByTestId('patient-banner')).toContainText('MEAKIN, Mike (Mr)');
  await expect(page.getByTestId('banner-nhs-number')).toHaveText('965 821 8873');
  // The patient opens on the structured overview, without a click: the practice offers Structured (R31).
  await expect(page).toHaveURL(/\/patients\/9658218873\/structured$/);
  await expect(page.getByTestId('allergies-active').getByTestId('allergy').first()).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'Record sections' });
  await sections.getByRole('link', { name: 'Summary' }).click();
  const html = page.getByTestId('provider-html');
  await expect(html.getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Record sections' }).getByRole('link', { name: 'Summary' })).toHaveClass(/section-nav__link--active/);
  // The practice check lands above the section list: let it settle before clicking below it.
  await expect(page.getByTestId('practice-check-match')).toBeVisible();
  await expect(html.locator('table#med-tab-curr-rep')).toBeVisible();
  await expect(page.getByTestId('banner-practice')).toContainText("Dr Legg's Surgery (A20047)");
  await page.screenshot({ path: testInfo.outputPath('summary.png'), fullPage: true });

  await sections.getByRole('link', { name: 'Medications' }).click();
  await expect(html.getByRole('heading', { level: 1, name: 'Medications' })).toBeVisible();
  await expect(html.locator('table#med-tab-all-iss')).toBeVisible();
  // NHS.UK date inputs: day, month and year under each legend.
  for (const [legend, [day, month, year]] of [
    ['From', ['01', '05', '2015']],
    ['To', ['01', '07', '2016']],
  ] as const) {
    const group = page.getByRole('group', { name: legend, exact: true });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }
  await page.getByRole('button', { name: 'Apply dates' }).click();
  await expect(page).toHaveURL(/from=2015-05-01&to=2016-07-01/);
  await expect(html).toContainText("For the period '01-May-2015' to '01-Jul-2016'");
  await page.screenshot({ path: testInfo.outputPath('medications.png'), fullPage: true });
});

test('restricted patient: only the number and a notice', async ({ page }, testInfo) => {
  await page.goto('/patients/9658220142');
  await expect(page.getByTestId('restricted-notice')).toBeVisible();
  await expect(page.getByTestId('patient-banner')).toContainText('965 822 0142');
  await expect(page.getByTestId('patient-banner')).not.toContainText('Kewn');
  await expect(page.getByRole('navigation', { name: 'Record sections' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('restricted.png'), fullPage: true });
});

test('dissent patient: explained, with the failing step', async ({ page }, testInfo) => {
  await page.goto('/patients/9658220169/record/SUM');
  await expect(page.getByTestId('problem')).toContainText('The patient has asked that their GP record is not shared');
  await expect(page.getByTestId('problem-step')).toHaveText('GP system');
  await page.screenshot({ path: testInfo.outputPath('dissent.png'), fullPage: true });
});

test('deep link straight to a section works after a reload', async ({ page }) => {
  await page.goto('/patients/9658219691/record/SUM');
  await expect(page.getByTestId('provider-html').locator('.gptransfer-banner')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('provider-html').locator('.gptransfer-banner')).toBeVisible();
});

test('API responses are no-store and the page has a strict CSP', async ({ page }) => {
  const request = page.request;
  const api = await request.get('/api/patients/9658218873');
  expect(api.status()).toBe(200);
  expect(api.headers()['cache-control']).toBe('no-store');
  const shell = await request.get('/patients/9658218873');
  expect(shell.headers()['content-security-policy']).toContain("script-src 'self'");
});

test('in mock mode the simulated Spine control API answers JSON', async ({ request }) => {
  // The e2e server runs in mock mode: the control API exists and the health check says so.
  const health = await request.get('/api/health');
  expect(await health.json()).toEqual({ status: 'ok', mode: 'mock' });
  expect((await request.get('/__simulated-spine/control')).headers()['content-type']).toContain('application/json');
});

test('flow inspector: open a record, expand the panel, see the four services and timings', async ({ page }, testInfo) => {
  // A patient no other test opens, so PDS is called (the practice's SDS answer may be cached).
  await page.goto('/patients/9690123548/record/SUM');
  await expect(page.getByTestId('provider-html').getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  await page.getByText(/How this was fetched: \d+ Spine calls/).click();
  const diagram = page.getByTestId('flow-diagram');
  await expect(diagram).toBeVisible();
  for (const lane of ['PDS', 'SDS', 'SSP', 'GP system']) await expect(diagram).toContainText(lane);
  await expect(diagram).toContainText(/200 · \d+ ms/);
  await page.getByTestId('flow-panel').screenshot({ path: testInfo.outputPath('flow-panel.png') });

  // Detail on demand (simulated Spine): the getcarerecord call's headers and JWT claims.
  await page.getByRole('button', { name: 'Details of getcarerecord SUM' }).click();
  const detail = page.getByTestId('flow-detail');
  await expect(detail.getByTestId('flow-detail-request')).toContainText('POST https://ssp.simulated-spine.test/');
  await expect(detail).toContainText('ssp-interactionid');
  await expect(detail.getByTestId('flow-detail-claims')).toContainText('"requested_scope": "patient/*.read"');
  await expect(detail).not.toContainText('Bearer');
  const sspTraceId = (await detail.getByTestId('flow-detail-trace-id').textContent())!.trim();
  await page.getByTestId('flow-panel').screenshot({ path: testInfo.outputPath('flow-panel-detail.png') });

  // The support view quotes the same Ssp-TraceID for this session's request.
  await page.getByRole('link', { name: /Support: your recent requests/ }).click();
  const row = page.getByTestId('support-table').getByRole('row').filter({ hasText: '/record/SUM' }).first();
  await expect(row).toContainText(`Ssp-TraceID: ${sspTraceId}`);
  await expect(row).toContainText('969 012 3548');
  await page.screenshot({ path: testInfo.outputPath('support-view.png'), fullPage: true });
});

test('the page holds still while the patient, the practice check and the record arrive (layout shift ≤ 0.05)', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { shift: number }).shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
        if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const path of ['/', '/patients/9658218873/record/SUM']) {
    await page.goto(path);
    if (path === '/') await expect(page.getByLabel('NHS number')).toBeVisible();
    else {
      await expect(page.getByTestId('provider-html').getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
      await expect(page.getByTestId('practice-check-match')).toBeVisible();
    }
    // Cumulative layout shift as Lighthouse adds it up (every shift not caused by input), at 1024×768.
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift), path).toBeLessThanOrEqual(0.05);
  }
});
