/**
 * Simulated PDS FHIR patient search, `GET /Patient?…` (PDS FHIR API: search patient), with PDS's
 * rules: the same header checks as a read; a date of birth required (MISSING_VALUE), then a family
 * name for a non-fuzzy search (INVALID_SEARCH_DATA); only the documented parameters; `*` wildcards
 * not in the first two characters and never with fuzzy matching; exact and fuzzy (Soundex) matching
 * with scores; `_max-results` 1–50, more matches than that → TOO_MANY_MATCHES (a 200
 * OperationOutcome); restricted patients without address, telecom or GP, and not returned at all
 * when the search used a postcode or a GP; superseded records answered by their newer record.
 */
import { type World, type WorldPatient } from '../world';
import { checkPdsHeaders, pdsPatientResource, withEchoedIds } from './pds';
import { fhirResponse, pdsOutcome } from './fhir';

const ALLOWED = new Set([
  'family',
  'given',
  'gender',
  'birthdate',
  'address-postalcode',
  'general-practitioner',
  '_fuzzy-match',
  '_exact-match',
  '_history',
  '_max-results',
]);
const GENDERS = new Set(['male', 'female', 'other', 'unknown']);

type PdsData = NonNullable<WorldPatient['pds']>;

/** American Soundex, as PDS's fuzzy search uses for homophones. */
export function soundex(name: string): string {
  const letters = name.toUpperCase().replace(/[^A-Z]/g, '');
  if (!letters) return '';
  const codes: Record<string, string> = {
    B: '1',
    F: '1',
    P: '1',
    V: '1',
    C: '2',
    G: '2',
    J: '2',
    K: '2',
    Q: '2',
    S: '2',
    X: '2',
    Z: '2',
    D: '3',
    T: '3',
    L: '4',
    M: '5',
    N: '5',
    R: '6',
  };
  let result = letters[0];
  let last = codes[letters[0]] ?? '';
  for (const ch of letters.slice(1)) {
    const code = codes[ch] ?? '';
    if (code && code !== last) result += code;
    // H and W do not separate letters with the same code; vowels do.
    if (ch !== 'H' && ch !== 'W') last = code;
  }
  return (result + '000').slice(0, 4);
}

function invalid(diagnostics: string): Response {
  return pdsOutcome(400, 'INVALID_SEARCH_DATA', 'Search data is invalid', 'invalid', diagnostics);
}

/** Equal ignoring case, or a prefix match when the value ends in `*`. */
function textMatches(wanted: string, actual: string): boolean {
  const w = wanted.toLowerCase();
  const a = actual.toLowerCase();
  return w.endsWith('*') ? a.startsWith(w.slice(0, -1)) : a === w;
}

const squash = (postcode: string) => postcode.replace(/\s+/g, '').toLowerCase();

interface Criteria {
  family?: string;
  given?: string;
  gender?: string;
  birthDate: string;
  postcode?: string;
  practice?: string;
  fuzzy: boolean;
}

/** PDS's score for one record: 1 when every criterion matches exactly; less for a fuzzy-only match; undefined for no match. */
function score(pds: PdsData, c: Criteria): number | undefined {
  if (pds.birthDate !== c.birthDate) return undefined;
  if (c.gender && pds.gender !== c.gender) return undefined;
  if (c.practice && pds.practiceOdsCode !== c.practice) return undefined;
  if (c.postcode && !(pds.address && textMatches(squash(c.postcode), squash(pds.address.postalCode)))) return undefined;
  const given = pds.given[0] ?? '';
  const familyExact = !c.family || textMatches(c.family, pds.family);
  const givenExact = !c.given || textMatches(c.given, given);
  if (familyExact && givenExact) return 1;
  if (!c.fuzzy) return undefined;
  // Fuzzy: similar-sounding names, or given and family names swapped (PDS FHIR API: _fuzzy-match).
  const familyLike = !c.family || soundex(c.family) === soundex(pds.family);
  const givenLike = !c.given || soundex(c.given) === soundex(given);
  if (familyLike && givenLike) return familyExact || givenExact ? 0.9 : 0.8;
  if (c.family && c.given && textMatches(c.family, given) && textMatches(c.given, pds.family)) return 0.7;
  return undefined;
}

export function handlePdsSearch(request: Request, world: World, pdsBaseUrl: string): Response {
  const bad = checkPdsHeaders(request);
  if (bad) return bad;
  const url = new URL(request.url);
  const params = url.searchParams;
  if ([...params.keys()].length === 0) return pdsOutcome(400, 'UNSUPPORTED_SERVICE', 'Unsupported Service', 'not-supported', 'No search parameters given');
  for (const name of params.keys()) {
    if (!ALLOWED.has(name)) return pdsOutcome(400, 'ADDITIONAL_PROPERTIES', 'Additional properties', 'structure', `Invalid parameter - '${name}'`);
  }
  const birthdate = params.get('birthdate');
  if (!birthdate)
    return pdsOutcome(
      400,
      'MISSING_VALUE',
      'Required value is missing',
      'required',
      "Missing value - 'birth_date/birth_date_range_start/birth_date_range_end'",
    );
  const date = /^eq(\d{4}-\d{2}-\d{2})$/.exec(birthdate);
  if (!date) return pdsOutcome(400, 'INVALID_VALUE', 'Provided value is invalid', 'value', `Invalid value - '${birthdate}' in field 'birthdate'`);
  const fuzzy = params.get('_fuzzy-match') === 'true';
  const criteria: Criteria = {
    family: params.get('family') ?? undefined,
    given: params.get('given') ?? undefined,
    gender: params.get('gender') ?? undefined,
    birthDate: date[1],
    postcode: params.get('address-postalcode') ?? undefined,
    practice: params.get('general-practitioner') ?? undefined,
    fuzzy,
  };
  if (!criteria.family && !fuzzy) return invalid('Invalid search data provided - a family name is needed');
  // A fuzzy search needs given+family, family+gender+postcode, or given+gender+postcode, with the birth date (PDS FHIR API: _fuzzy-match).
  const c = criteria;
  if (fuzzy && !((c.given && c.family) || (c.family && c.gender && c.postcode) || (c.given && c.gender && c.postcode))) {
    return invalid('Invalid search data provided - a fuzzy search needs given and family names, or a name with gender and postcode');
  }
  if (criteria.gender && !GENDERS.has(criteria.gender)) {
    return pdsOutcome(400, 'INVALID_VALUE', 'Provided value is invalid', 'value', `Invalid value - '${criteria.gender}' in field 'gender'`);
  }
  for (const value of [criteria.family, criteria.given, criteria.postcode]) {
    if (!value?.includes('*')) continue;
    if (fuzzy) return invalid('Invalid search data provided - wildcards cannot be used with a fuzzy search');
    if (value.indexOf('*') < 2) return invalid('Invalid search data provided - a wildcard cannot be in the first two characters');
  }
  for (const value of [criteria.family, criteria.given]) {
    if (value && value.length > 35)
      return pdsOutcome(400, 'INVALID_VALUE', 'Provided value is invalid', 'value', `Invalid value - '${value}' in field 'family'`);
  }
  const max = Number(params.get('_max-results') ?? '50');
  if (!Number.isInteger(max) || max < 1 || max > 50) {
    return pdsOutcome(400, 'INVALID_VALUE', 'Provided value is invalid', 'value', `Invalid value - '${params.get('_max-results')}' in field '_max-results'`);
  }
  // Restricted patients are left out of searches by postcode or GP (PDS FHIR API: search patient).
  const withoutRestricted = Boolean(criteria.postcode || criteria.practice);
  const found = new Map<string, { nhsNumber: string; pds: PdsData; score: number }>();
  for (const patient of world.patients) {
    if (!patient.pds) continue;
    const s = score(patient.pds, criteria);
    if (s === undefined) continue;
    // A superseded number is answered by its newer record, once.
    const current = patient.pds.supersededBy ? world.patient(patient.pds.supersededBy) : patient;
    if (!current?.pds) continue;
    if (withoutRestricted && current.pds.security === 'R') continue;
    const before = found.get(current.nhsNumber);
    if (!before || before.score < s) found.set(current.nhsNumber, { nhsNumber: current.nhsNumber, pds: current.pds, score: s });
  }
  if (found.size > max) {
    return withEchoedIds(
      request,
      fhirResponse(
        {
          resourceType: 'OperationOutcome',
          issue: [
            {
              code: 'multiple-matches',
              details: {
                coding: [
                  { code: 'TOO_MANY_MATCHES', display: 'Too Many Matches', system: 'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode', version: '1' },
                ],
              },
              severity: 'information',
            },
          ],
        },
        200,
        'application/fhir+json',
      ),
    );
  }
  const entries = [...found.values()]
    .sort((a, b) => b.score - a.score)
    .map((m) => ({ fullUrl: `${pdsBaseUrl}/Patient/${m.nhsNumber}`, search: { score: m.score }, resource: pdsPatientResource(m.nhsNumber, m.pds) }));
  return withEchoedIds(
    request,
    fhirResponse(
      { resourceType: 'Bundle', type: 'searchset', timestamp: new Date().toISOString(), total: entries.length, entry: entries },
      200,
      'application/fhir+json',
    ),
  );
}
