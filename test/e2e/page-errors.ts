import { expect, test as base } from '@playwright/test';

/**
 * Playwright's `test`, failing any test whose page throws or logs an error. Expected 4xx answers
 * are shown in the page; the browser still logs them as failed resources, so those are allowed.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await use(errors);
      expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
