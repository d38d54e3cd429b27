/** Which NHS number shows what: the test-patient catalogue, from the world itself so it cannot drift. */
import type { World } from './world';

export interface CatalogueEntry {
  nhsNumber: string;
  name?: string;
  practice?: { odsCode: string; name: string; gpConnect: boolean };
  scenario: string;
  description: string;
}

export function patientCatalogue(world: World): CatalogueEntry[] {
  return world.patients.map((p) => {
    const ods = p.pds?.practiceOdsCode;
    const practice = ods ? world.practice(ods) : undefined;
    return {
      nhsNumber: p.nhsNumber,
      name: p.pds ? `${p.pds.prefix ? `${p.pds.prefix} ` : ''}${p.pds.given.join(' ')} ${p.pds.family}` : undefined,
      practice: practice ? { odsCode: practice.odsCode, name: practice.name, gpConnect: Boolean(practice.gpConnect) } : undefined,
      scenario: p.scenario,
      description: p.description,
    };
  });
}

/** The catalogue as a Markdown table (docs/test-patients.md). */
export function catalogueMarkdown(world: World): string {
  const rows = patientCatalogue(world).map((e) => {
    const nhs = `${e.nhsNumber.slice(0, 3)} ${e.nhsNumber.slice(3, 6)} ${e.nhsNumber.slice(6)}`;
    const practice = e.practice ? `${e.practice.odsCode} ${e.practice.name}` : '—';
    return `| ${nhs} | ${e.name ?? '—'} | ${practice} | ${e.scenario} | ${e.description.replace(/\|/g, '\\|')} |`;
  });
  const structuredNote = (s: { disabledAreas?: string[] }) => (s.disabledAreas?.length ? ` (disabled at the practice: ${s.disabledAreas.join(', ')})` : '');
  const practices = world.practices.map((p) => {
    const gpc = p.gpConnect;
    const how = !gpc
      ? 'no GP Connect entry in SDS'
      : gpc.sspBehaviour === 'fot-check-fails'
        ? `${gpc.supplier}; the SSP refuses: 403 FOT_CHECK_FAILED`
        : gpc.sspBehaviour === 'down'
          ? `${gpc.supplier}; GP system down: 502`
          : gpc.sspBehaviour === 'timeout'
            ? `${gpc.supplier}; GP system never answers: 504 from the SSP`
            : gpc.supplier;
    const records = !gpc
      ? '—'
      : gpc.structured
        ? `${gpc.html === false ? 'Structured only' : 'HTML and Structured'}${structuredNote(gpc.structured)}`
        : 'HTML only';
    return `| ${p.odsCode} | ${p.name} | ${how} | ${records} |`;
  });
  return [
    '# Test patients on the simulated Spine',
    '',
    'Generated from `mocks/world/` by `npm run catalogue` (a test fails if this file is out of date).',
    'In mock mode the same list is in the app under "Simulated Spine" → "Test patients".',
    '',
    '| NHS number | Name | Practice | Scenario | What you see |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '## Practices',
    '',
    '| ODS code | Name | GP system | Access Record |',
    '|---|---|---|---|',
    ...practices,
    '',
    '## Foundations (organisations, locations, practitioners)',
    '',
    "What each practice's STU3 Foundations server holds. Location and practitioner ids are the",
    'logical ids to use on the location and practitioner pages.',
    '',
    '| ODS code | GP Connect version | Organisation ids | Locations | Practitioners (SDS user id: role profile ids) |',
    '|---|---|---|---|---|',
    ...world.practices
      .filter((p) => p.foundations)
      .map((p) => {
        const f = p.foundations!;
        const orgs = f.organisations.map((o) => `${o.id}${o.name ? ` (${o.name})` : ''}`).join(', ') || 'none (search is empty)';
        const locations = f.locations.map((l) => `${l.id} ${l.name}${l.main ? ' (main)' : ''}`).join('; ');
        const practitioners = f.practitioners.map((pr) => `${pr.sdsUserId}: ${pr.roleProfileIds.join(' + ') || 'none'} (id ${pr.id})`).join('; ');
        return `| ${p.odsCode} | ${p.gpConnect?.version ?? '—'} | ${orgs} | ${locations} | ${practitioners} |`;
      }),
    '',
  ].join('\n');
}
