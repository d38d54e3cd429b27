import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test } from './page-errors';

test('R7: the record is asked for only after the user confirms what differs from PDS', async ({ page }, testInfo) => {
  const recordCalls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/record/')) recordCalls.push(r.url());
  });
  await page.goto('/patients/9690124609/record/SUM');
  const confirm = page.getByTestId('identity-confirm');
  await expect(confirm).toContainText('Check this is the right patient before the record is shown');
  await expect(confirm.getByTestId('difference-family')).toContainText('Sutcliff');
  await expect(confirm.getByTestId('difference-birthDate')).toContainText('04-Aug-1971');
  await expect(page.getByTestId('provider-html')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('identity-confirm.png'), fullPage: true });
  await confirm.getByRole('button', { name: 'I have checked: this is the right patient' }).click();
  await expect(page.getByTestId('provider-html').getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  await expect(page.getByTestId('identity-confirmed')).toBeVisible();
  expect(recordCalls.at(-1)).toMatch(/confirm=[0-9a-f]{16}$/);
});

test('R20, R25: printed, every page carries the patient banner', async ({ page }) => {
  await page.goto('/patients/9658218873/record/MED');
  await expect(page.getByTestId('provider-html').getByRole('heading', { level: 1, name: 'Medications' })).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  expect(document.numPages, 'the section should span several pages for this test to mean anything').toBeGreaterThan(1);
  for (let n = 1; n <= document.numPages; n++) {
    const text = (await (await document.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text, `page ${n}`).toContain('965 821 8873');
    expect(text, `page ${n}`).toContain('MEAKIN, Mike');
  }
  // The page's own navigation is not printed.
  const first = (await (await document.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  expect(first).not.toContain('Find a patient');
});

test('keyboard only: find a patient and open a record section', async ({ page }) => {
  await page.goto('/');
  // Once the page is there (a Tab pressed before it renders goes to the browser), the first Tab reaches the skip link.
  await expect(page.getByLabel('NHS number')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.getByLabel('NHS number').focus();
  await page.keyboard.type('9658218873');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-banner')).toContainText('MEAKIN, Mike');
  await expect(page.getByTestId('practice-check-match')).toBeVisible();
  // Tab forward until the "Summary" section link has focus, then follow it with Enter.
  const summary = page.getByRole('navigation', { name: 'Record sections' }).getByRole('link', { name: 'Summary' });
  for (let i = 0; i < 40 && !(await summary.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(summary).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('provider-html').getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  // Focus is visible: the focused link has the NHS.UK focus style (a yellow background).
  const medications = page.getByRole('navigation', { name: 'Record sections' }).getByRole('link', { name: 'Medications' });
  await medications.focus();
  expect(await medications.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 235, 59)');
});

test('R25: at 1024×768 no page scrolls sideways', async ({ page }) => {
  expect(page.viewportSize()).toEqual({ width: 1024, height: 768 });
  const pages: [string, string][] = [
    ['/', 'Find a patient'],
    ['/patients/9658218873/record/SUM', 'Summary'],
    ['/patients/9658218873/record/MED', 'Medications'],
    ['/patients/9690124609', "The practice's details differ from PDS"],
    ['/organisations/A20047/1', 'GP Connect capability'],
    ['/practitioners/A20047/3', 'Kibo Slater'],
    ['/support', 'Your recent requests'],
    // The structured record's widest tables (R28): past medications, results, consultations.
    ['/patients/9658218873/structured', 'Structured record: overview'],
    ['/patients/9690125184/structured/medications', 'Past medications'],
    ['/patients/9658218873/structured/investigations', 'Investigations and results'],
    ['/patients/9658218873/structured/consultations', 'Consultations'],
    ['/patients/9658218873/structured/problems', 'Inactive problems'],
  ];
  for (const [path, text] of pages) {
    await page.goto(path);
    await expect(page.locator('main')).toContainText(text);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(1024);
    // Nor does any part of the record hide a column off to the side (ten medication columns included).
    const hidden = await page.evaluate(() =>
      [...document.querySelectorAll('.gpc-record, .gpc-table-scroll, .clinical-table__scroll')]
        .filter((e) => e.scrollWidth > e.clientWidth)
        .map((e) => e.firstElementChild?.id || e.className),
    );
    expect(hidden, path).toEqual([]);
  }
});

test('R24: nothing about the patient is kept in the browser', async ({ page }) => {
  await page.goto('/patients/9658218873/record/SUM');
  await expect(page.getByTestId('provider-html').getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
  }));
  expect(stored).toEqual({ local: 0, session: 0, databases: [], caches: [] });
});

test('R21: the four provider banners are styled, each distinctly', async ({ page }) => {
  await page.goto('/patients/9658218873/record/SUM');
  const html = page.getByTestId('provider-html');
  await expect(html.getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  // The app's own stylesheet, applied to one banner of each kind inside the record container.
  const styles = await html.evaluate((container) =>
    ['gptransfer-banner', 'content-banner', 'date-banner', 'exclusion-banner'].map((name) => {
      const banner = document.createElement('div');
      banner.className = name;
      banner.textContent = name;
      container.append(banner);
      const style = getComputedStyle(banner);
      const seen = `${style.backgroundColor} ${style.borderLeftColor} ${style.borderLeftWidth}`;
      banner.remove();
      return seen;
    }),
  );
  expect(new Set(styles).size).toBe(4);
  for (const style of styles) expect(style).not.toMatch(/^rgba\(0, 0, 0, 0\) .* 0px$/);
});

test('R21: a 13,500-row section is in the page whole and in order, its parts aligned, every row printed', async ({ page }) => {
  test.slow();
  await page.goto('/patients/9690124528/record/OBS');
  const html = page.getByTestId('provider-html');
  await expect(html.getByRole('heading', { level: 1, name: 'Observations' })).toBeVisible();
  const shown = await html.evaluate((container) => {
    const rows = [...container.querySelectorAll(':scope tbody tr')];
    const firstTable = container.querySelector('table#obs-tab')!;
    const continued = [...container.querySelectorAll('.gpc-table-continued')];
    const left = (table: Element, column: number) => Math.round(table.querySelector('tbody tr')!.children[column].getBoundingClientRect().left);
    // Lay the last part out, as scrolling to it would.
    continued.at(-1)!.scrollIntoView();
    return {
      rows: rows.length,
      dates: rows.map((r) => r.children[0].textContent),
      scrollers: container.querySelectorAll('.gpc-table-scroll').length,
      continued: continued.length,
      columnsLineUp: [1, 2, 3, 4].every((c) => left(firstTable, c) === left(continued.at(-1)!, c)),
    };
  });
  expect(shown.rows).toBe(13_500);
  // Newest first, as the provider sent it: no row out of place across the parts.
  const days = shown.dates.map((d) => Date.parse(d!.replace(/-/g, ' ')));
  expect(days.every((day, i) => i === 0 || day <= days[i - 1])).toBe(true);
  expect(shown.scrollers, 'one scroll region for the whole table').toBe(1);
  expect(shown.continued).toBe(26);
  expect(shown.columnsLineUp).toBe(true);
  // Printed, every part is laid out and the last row is on the last page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.emulateMedia({ media: 'print' });
  expect(await html.evaluate((container) => getComputedStyle(container.querySelector('.gpc-table-part')!).contentVisibility)).toBe('visible');
  const lastRow = await html.evaluate((container) => [...container.querySelectorAll(':scope tbody tr')].at(-1)!.children[1].textContent);
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const last = (await (await document.getPage(document.numPages)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  expect(last).toContain(shown.dates.at(-1));
  expect(last).toContain(lastRow);
  expect(document.numPages, 'about 40 rows a page').toBeGreaterThan(13_500 / 60);
});
