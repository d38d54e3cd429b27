/**
 * R32: finding a patient by their details. The BFF checks the criteria (a family name and a date of
 * birth, as PDS needs), searches the simulated PDS with PDS's rules, and answers matches in score
 * order, or "too many" or "none" as outcomes; a restricted patient comes without address or
 * practice; the criteria travel in the body, are audited, and are never logged.
 */
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { PatientSearchResultSchema, type PatientSearchRequest } from '../../src/shared/api';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { createTestBff } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

const { server: spine, requests } = setUpSimulatedSpine();

async function search(criteria: Partial<PatientSearchRequest> | Record<string, unknown>, bff = createTestBff()) {
  const response = await bff.app.request('/api/patients/search', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(criteria),
  });
  return { response, body: await response.json(), bff };
}

const pdsSearches = () => requests.filter((r) => /^https:\/\/pds\.[^/]+\/.*\/Patient\?/.test(r.url) || /\/Patient\?/.test(r.url));

describe('R32: POST /api/patients/search', () => {
  it('an exact match: the patient with score 1, address and practice; the criteria went to PDS as its parameters', async () => {
    const { response, body } = await search({ family: 'meakin', birthDate: '1970-05-12' });
    expect(response.status).toBe(200);
    const result = PatientSearchResultSchema.parse(body);
    expect(result.outcome).toBe('matches');
    expect(result.matches).toEqual([
      expect.objectContaining({
        nhsNumber: '9658218873',
        score: 1,
        restricted: false,
        practiceOdsCode: 'A20047',
        address: expect.objectContaining({ postalCode: 'LS6 2QB' }),
      }),
    ]);
    const sent = new URL(pdsSearches().at(-1)!.url).searchParams;
    expect(Object.fromEntries(sent)).toEqual({ family: 'meakin', birthdate: 'eq1970-05-12', '_max-results': '10' });
  });

  it('fuzzy matching finds a similar-sounding name with a lower score; an exact search does not', async () => {
    expect((await search({ family: 'Meekin', given: 'Mike', birthDate: '1970-05-12' })).body.outcome).toBe('none');
    const fuzzy = PatientSearchResultSchema.parse((await search({ family: 'Meekin', given: 'Mike', birthDate: '1970-05-12', fuzzy: true })).body);
    expect(fuzzy.matches.map((m) => m.nhsNumber)).toEqual(['9658218873']);
    expect(fuzzy.matches[0].score).toBeLessThan(1);
    expect(new URL(pdsSearches().at(-1)!.url).searchParams.get('_fuzzy-match')).toBe('true');
  });

  it('results come in score order, highest first', async () => {
    // Given and family names swapped score lower than a sound-alike of both.
    const result = PatientSearchResultSchema.parse((await search({ family: 'Smyth', given: 'Olivar', birthDate: '1980-01-01', fuzzy: true })).body);
    expect(result.matches.length).toBeGreaterThan(0);
    const scores = result.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('too many matches is an outcome with nobody listed; a given name narrows it to one', async () => {
    const many = PatientSearchResultSchema.parse((await search({ family: 'Smith', birthDate: '1980-01-01' })).body);
    expect([many.outcome, many.matches, many.maxResults]).toEqual(['too-many', [], 10]);
    const one = PatientSearchResultSchema.parse((await search({ family: 'Smith', given: 'Oliver', birthDate: '1980-01-01' })).body);
    expect(one.matches.map((m) => m.name?.given)).toEqual([['Oliver']]);
  });

  it('a wildcard at the end after two letters matches the start of the name', async () => {
    const result = PatientSearchResultSchema.parse((await search({ family: 'Mea*', birthDate: '1970-05-12' })).body);
    expect(result.matches.map((m) => m.nhsNumber)).toEqual(['9658218873']);
  });

  it('a restricted patient is listed without address or practice, and left out of a search by postcode (R4)', async () => {
    const { body } = await search({ family: 'Kewn', birthDate: '1989-07-14' });
    const result = PatientSearchResultSchema.parse(body);
    expect(result.matches).toEqual([expect.objectContaining({ nhsNumber: '9658220142', restricted: true })]);
    expect(result.matches[0].address).toBeUndefined();
    expect(result.matches[0].practiceOdsCode).toBeUndefined();
    expect((await search({ family: 'Kewn', birthDate: '1989-07-14', postcode: 'LS1 1AA' })).body.outcome).toBe('none');
  });

  it('a restricted patient PDS were to send with an address and practice is still answered without them (R4)', async () => {
    spine.use(
      http.get(`${S.pdsBaseUrl}/Patient`, () =>
        HttpResponse.json(
          {
            resourceType: 'Bundle',
            type: 'searchset',
            entry: [
              {
                search: { score: 1 },
                resource: {
                  resourceType: 'Patient',
                  id: '9658220142',
                  meta: { security: [{ code: 'R' }] },
                  name: [{ use: 'usual', given: ['Emilie'], family: 'Kewn' }],
                  birthDate: '1989-07-14',
                  address: [{ use: 'home', line: ['1 Withheld Row'], postalCode: 'LS1 1AA' }],
                  generalPractitioner: [{ identifier: { value: 'A20047' } }],
                },
              },
            ],
          },
          { headers: { 'Content-Type': 'application/fhir+json' } },
        ),
      ),
    );
    const { body } = await search({ family: 'Kewn', birthDate: '1989-07-14' });
    expect(body.matches).toEqual([expect.objectContaining({ nhsNumber: '9658220142', restricted: true })]);
    expect(JSON.stringify(body)).not.toMatch(/Withheld|LS1 1AA|A20047/);
  });

  it('a superseded number is answered once, by its newer record', async () => {
    const result = PatientSearchResultSchema.parse((await search({ family: 'Tabron', birthDate: '1958-12-05' })).body);
    expect(result.matches.map((m) => m.nhsNumber)).toEqual(['9658218997']);
  });

  it.each([
    [{ family: 'Meakin' }, 'birthDate', 'Enter the date of birth'],
    [{ birthDate: '1970-05-12' }, 'family', 'Enter the family name'],
    [{ family: 'Meakin', birthDate: '1970-02-30' }, 'birthDate', 'real date'],
    [{ family: 'Meakin', birthDate: '2999-01-01' }, 'birthDate', 'cannot be in the future'],
    [{ family: 'M*', birthDate: '1970-05-12' }, 'family', 'goes at the end, after at least two letters'],
    [{ family: 'Mea*', given: 'Mike', birthDate: '1970-05-12', fuzzy: true }, 'family', 'cannot be used with similar-sounding names'],
    [{ family: 'Meekin', birthDate: '1970-05-12', fuzzy: true }, 'given', 'enter the given name too'],
    [{ family: 'x'.repeat(36), birthDate: '1970-05-12' }, 'family', 'at most 35'],
    [{ family: 'Meakin', birthDate: '1970-05-12', gender: 'mal' }, 'gender', 'Choose a gender'],
    [{ family: 'Meakin', birthDate: '1970-05-12', postcode: 'LS6;2QB' }, 'postcode', 'postcode'],
    [{ family: 'Mea\u0000kin', birthDate: '1970-05-12' }, 'family', 'cannot be typed'],
    [{ family: 'Meakin', birthDate: '1970-05-12', nhsNumber: '9658218873' }, undefined, undefined],
    [{ family: 'Meakin', birthDate: '1970-05-12', fuzzy: 'yes' }, 'fuzzy', ''],
  ])('%j is refused with INVALID_SEARCH before any PDS call', async (criteria, field, message) => {
    requests.length = 0;
    const { response, body } = await search(criteria);
    expect([response.status, body.code]).toEqual([400, 'INVALID_SEARCH']);
    if (field) expect(body.fields[field]).toContain(message);
    expect(pdsSearches()).toEqual([]);
  });

  it('is audited with its criteria and the NHS numbers matched; the log lines carry neither names nor dates of birth', async () => {
    const { response, bff } = await search({ family: 'Meakin', given: 'Mike', birthDate: '1970-05-12' });
    expect(response.status).toBe(200);
    const [row] = await bff.services.auditLog.search({}, 5);
    expect(row).toMatchObject({ action: 'patient.search', outcome: 'success' });
    expect(row.details).toMatchObject({ criteria: { family: 'Meakin', given: 'Mike', birthDate: '1970-05-12' }, outcome: 'matches', matched: ['9658218873'] });
    const logs = JSON.stringify(bff.logs);
    expect(logs).toContain('/api/patients/search');
    expect(logs).not.toMatch(/Meakin|Mike|1970-05-12/);
  });

  it('PDS failing is explained, never as "no such patient"; a body that is not a Bundle is UPSTREAM_MALFORMED', async () => {
    spine.use(http.get(`${S.pdsBaseUrl}/Patient`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 })));
    const down = await search({ family: 'Meakin', birthDate: '1970-05-12' }, createTestBff({ RETRY_BACKOFF_MS: '1' }));
    expect([down.response.status, down.body.code]).toEqual([502, 'PDS_UNAVAILABLE']);
    spine.use(
      http.get(`${S.pdsBaseUrl}/Patient`, () => HttpResponse.json({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', id: 'x' } }] })),
    );
    const malformed = await search({ family: 'Meakin', birthDate: '1970-05-12' });
    expect([malformed.response.status, malformed.body.code]).toEqual([502, 'UPSTREAM_MALFORMED']);
  });
});
