import { expect, test } from './page-errors';

// The GP system of patient 969 012 4889 sends the 56-vector XSS corpus (mocks/world/xss-vectors.ts)
// in every section. Each vector calls window.__xss(n) if it ever runs; a CSP violation would also
// be logged as a console error, which fails the test through the page-errors fixture.
test('hostile provider HTML: no script runs, text is kept, the removals are reported', async ({ page }, testInfo) => {
  await page.addInitScript(() => {
    const fired: number[] = [];
    Object.assign(window, { __xss: (n: number) => fired.push(n), __xssFired: fired });
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const section of ['SUM', 'ENC', 'MED']) {
    await page.goto(`/patients/9690124889/record/${section}`);
    const html = page.getByTestId('provider-html');
    await expect(html).toContainText('The following markup is hostile.');
    await expect(page.getByTestId('sanitiser-notice')).toContainText(/removed \d+ unsafe elements/);
    await expect(html).toContainText('VECTOR 24');
    // Vector 34 opens a <style> it never closes: what follows is dropped, and the page says so.
    await expect(page.getByTestId('sanitiser-truncated')).toContainText('<style>');
    // Give handlers every chance: hover and click the vectors' text, tab through the page.
    for (const n of [6, 9, 16, 20, 24, 25, 26, 27, 28]) {
      await html.getByText(`VECTOR ${n}`).first().hover();
      await html.getByText(`VECTOR ${n}`).first().click();
    }
    for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    expect(await html.locator('script, iframe, object, embed, img, svg, form, input, a, style, link, meta, base').count()).toBe(0);
  }
  await page.screenshot({ path: testInfo.outputPath('hostile-html.png'), fullPage: false });
  expect(await page.evaluate(() => (window as unknown as { __xssFired: number[] }).__xssFired)).toEqual([]);
  expect(dialogs).toEqual([]);
});
