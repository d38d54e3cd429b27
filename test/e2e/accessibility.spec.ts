import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './page-errors';

/** Every page of the app, in the state a user sees it; axe must find nothing serious or critical. */
const PAGES: [string, string, string][] = [
  ['search', '/', 'Find a patient'],
  ['find by details (R32)', '/find-by-details', 'Find a patient by their details'],
  ['worklist (R36)', '/worklist', 'Worklist from a batch trace'],
  ['registration ended (R37)', '/patients/9690125036', 'may no longer hold'],
  ['patient (opens on the structured overview, R31)', '/patients/9658218873', 'Structured record: overview'],
  ['patient at an HTML-only practice (opens on the Summary)', '/patients/9658218997', 'Summary'],
  ...(['allergies', 'medications', 'problems', 'immunisations', 'consultations', 'investigations', 'uncategorised', 'referrals', 'diary'] as const).map(
    (area): [string, string, string] => [`structured ${area} (R28)`, `/patients/9658218873/structured/${area}`, 'registered GP practice record'],
  ),
  ['structured warnings (R28)', '/patients/9690125184/structured/medications', 'This area may be incomplete'],
  ['structured area disabled (R31)', '/patients/9690123408/structured/referrals', 'The practice has switched this area off'],
  ['record section', '/patients/9658218873/record/SUM', 'Summary'],
  ['record with date range', '/patients/9658218873/record/ENC', 'Encounters'],
  ['demographic mismatch', '/patients/9690124609', "The practice's details differ from PDS"],
  ['identity confirmation (R7)', '/patients/9690124609/record/SUM', 'Check this is the right patient'],
  ['deceased within 28 days', '/patients/9658220290', 'Their GP record is available until 28 days after death'],
  ['NHS number not verified', '/patients/9658219004', 'not verified'],
  ['restricted patient', '/patients/9658220142', 'Restricted record'],
  ['error: dissent', '/patients/9658220169/record/SUM', 'not shared'],
  ['register form', '/patients/9690124676/register', 'Register temporarily at another practice'],
  ['organisation search', '/organisations', 'Find an organisation'],
  ['organisation page', '/organisations/A20047/1', 'GP Connect capability'],
  ['organisation results (several)', '/organisations/C84001', 'Meadowbank'],
  ['location', '/organisations/A20047/locations/11', 'Roundhay Branch Surgery'],
  ['practitioner search', '/practitioners', 'SDS user ID'],
  ['practitioner results (several)', '/practitioners/search?sdsUserId=G22222226&odsCode=B82617', 'G22222226'],
  ['practitioner page', '/practitioners/A20047/3', 'Kibo Slater'],
  ['support view', '/support', 'Your recent requests'],
  ['simulated Spine', '/simulated-spine', 'Test patients'],
  ['not found', '/nowhere', 'Page not found'],
];

for (const [name, path, text] of PAGES) {
  test(`axe: ${name} has no serious or critical violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('main')).toContainText(text);
    // Nothing still loading (e.g. the practice check above a patient page) before the panel is opened.
    await expect(page.locator('[role="status"]')).toHaveCount(0);
    // The flow panel open too, where there is one: its table and details must be accessible as well.
    const panel = page.getByTestId('flow-panel').first();
    if (await panel.isVisible()) await panel.locator('summary').click();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')})`,
      ),
    ).toEqual([]);
  });
}
