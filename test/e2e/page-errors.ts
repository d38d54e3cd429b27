import { expect, test as base, type Page } from '@playwright/test';

/** Signs in through the simulated NHS CIS2's login page as one of its test users (mocks/cis2/users.ts), then lands on `returnTo`. */
export async function signIn(page: Page, user: string, returnTo = '/'): Promise<void> {
  await page.goto(`/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.locator(`button[data-user="${user}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/__simulated-cis2') && !url.pathname.startsWith('/api/'));
}

/**
 * Playwright's `test`, signed in (as the test clinician unless a test says `test.use({ user })`;
 * `user: null` for a test that starts signed out), and failing any test whose page throws or logs
 * an error or breaks its CSP. Expected 4xx answers are shown in the page; the browser still logs them as failed
 * resources, so those are allowed, and so are the 5xx statuses a test names in `failedStatuses`
 * (an upstream failure it shows on purpose).
 */
export const test = base.extend<{ pageErrors: string[]; user: string | null; failedStatuses: number[] }>({
  user: ['clinician', { option: true }],
  failedStatuses: [[], { option: true }],
  page: async ({ page, user }, use) => {
    if (user) await signIn(page, user);
    await use(page);
  },
  pageErrors: [
    async ({ page, failedStatuses }, use) => {
      const errors: string[] = [];
      const allowed = new RegExp(`Failed to load resource: the server responded with a status of (${[String.raw`4\d\d`, ...failedStatuses].join('|')})\\b`);
      page.on('pageerror', (e) => errors.push(e.message));
      // A CSP violation (an eval probe, an inline style) is an error too, though the browser only reports it as an issue.
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} (${e.blockedURI}) at ${e.sourceFile}:${e.lineNumber}`),
        ),
      );
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await use(errors);
      expect(errors.filter((e) => !allowed.test(e))).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
