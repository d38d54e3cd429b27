import { chromium } from 'playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
await page.goto('http://localhost:8099/api/auth/login?returnTo=%2F');
await page.locator('button[data-user="clinician"]').click();
await page.waitForURL((url) => !url.pathname.startsWith('/__simulated-cis2') && !url.pathname.startsWith('/api/'));
for (const area of process.argv.slice(2)) {
  for (let i = 0; i < 2; i++) {
    await page.goto('http://localhost:8099/patients/9690124528/structured/' + area);
    await page.waitForFunction(() => performance.getEntriesByName('gpc:structured-rendered').length > 0, undefined, { timeout: 120000 });
    const [render, nav] = await page.evaluate(() => [performance.measure('r', 'gpc:structured-received', 'gpc:structured-rendered').duration, performance.getEntriesByName('gpc:structured-rendered')[0].startTime]);
    console.log(area, 'received→rendered', Math.round(render), 'ms; navigation→rendered', Math.round(nav), 'ms');
  }
}
await browser.close();
