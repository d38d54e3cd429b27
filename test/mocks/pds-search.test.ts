/**
 * The simulated PDS search keeps PDS's rules (PDS FHIR API: search patient), so the BFF's search
 * (R32) is tested against what PDS would answer, including what the BFF never sends.
 */
import { describe, expect, it } from 'vitest';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { soundex } from '../../mocks/handlers/pdsSearch';
import { setUpSimulatedSpine } from '../support/spine';

setUpSimulatedSpine();

async function search(query: string, headers: Record<string, string> = { 'X-Request-ID': crypto.randomUUID() }) {
  const response = await fetch(`${S.pdsBaseUrl}/Patient?${query}`, { headers });
  const body = await response.json();
  return { status: response.status, body, code: body.issue?.[0]?.details?.coding?.[0]?.code as string | undefined, headers: response.headers };
}

describe('simulated PDS search (R32)', () => {
  it('checks headers as a read does, then: no parameters, a missing birth date, a missing family name, an unknown parameter', async () => {
    expect((await search('family=Meakin&birthdate=eq1970-05-12', {})).code).toBe('MISSING_VALUE');
    expect(await search('')).toMatchObject({ status: 400, code: 'UNSUPPORTED_SERVICE' });
    expect(await search('family=Meakin')).toMatchObject({ status: 400, code: 'MISSING_VALUE' });
    expect(await search('given=Mike&birthdate=eq1970-05-12')).toMatchObject({ status: 400, code: 'INVALID_SEARCH_DATA' });
    expect(await search('family=Meakin&birthdate=eq1970-05-12&nhs=1')).toMatchObject({ status: 400, code: 'ADDITIONAL_PROPERTIES' });
  });

  it('refuses a bad date, gender, wildcard or _max-results', async () => {
    expect(await search('family=Meakin&birthdate=1970-05-12')).toMatchObject({ status: 400, code: 'INVALID_VALUE' });
    expect(await search('family=Meakin&birthdate=eq1970-05-12&gender=mal')).toMatchObject({ status: 400, code: 'INVALID_VALUE' });
    expect(await search('family=M*&birthdate=eq1970-05-12')).toMatchObject({ status: 400, code: 'INVALID_SEARCH_DATA' });
    expect(await search('family=Mea*&given=Mike&birthdate=eq1970-05-12&_fuzzy-match=true')).toMatchObject({ status: 400, code: 'INVALID_SEARCH_DATA' });
    expect(await search('family=Meakin&birthdate=eq1970-05-12&_max-results=51')).toMatchObject({ status: 400, code: 'INVALID_VALUE' });
    expect(await search('family=Meakin&birthdate=eq1970-05-12&_max-results=0')).toMatchObject({ status: 400, code: 'INVALID_VALUE' });
  });

  it('answers a searchset with scores, echoing X-Request-ID; more matches than _max-results is a 200 TOO_MANY_MATCHES', async () => {
    const id = crypto.randomUUID();
    const found = await search('family=MEAKIN&birthdate=eq1970-05-12', { 'X-Request-ID': id });
    expect(found.status).toBe(200);
    expect(found.headers.get('X-Request-ID')).toBe(id);
    expect(found.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(found.body.entry[0]).toMatchObject({ search: { score: 1 }, resource: { resourceType: 'Patient', id: '9658218873' } });
    const many = await search('family=Smith&birthdate=eq1980-01-01&_max-results=11');
    expect(many).toMatchObject({
      status: 200,
      code: 'TOO_MANY_MATCHES',
      body: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'multiple-matches' }] },
    });
    expect((await search('family=Smith&birthdate=eq1980-01-01&_max-results=12')).body.total).toBe(12);
  });

  it('a restricted patient comes without address, telecom or GP, and not at all in a search by postcode or GP', async () => {
    const found = await search('family=Kewn&birthdate=eq1989-07-14');
    const patient = found.body.entry[0].resource;
    expect(patient.meta.security[0].code).toBe('R');
    expect([patient.address, patient.telecom, patient.generalPractitioner]).toEqual([undefined, undefined, undefined]);
    expect((await search('family=Kewn&birthdate=eq1989-07-14&address-postalcode=LS1%201AA')).body.total).toBe(0);
    expect((await search('family=Kewn&birthdate=eq1989-07-14&general-practitioner=A20047')).body.total).toBe(0);
  });

  it('fuzzy matching: Soundex sound-alikes and swapped names, scored below an exact match', async () => {
    expect([soundex('Robert'), soundex('Rupert'), soundex('Ashcraft'), soundex('Tymczak'), soundex('Pfister')]).toEqual([
      'R163',
      'R163',
      'A261',
      'T522',
      'P236',
    ]);
    expect(await search('family=Meekin&birthdate=eq1970-05-12&_fuzzy-match=true')).toMatchObject({ status: 400, code: 'INVALID_SEARCH_DATA' });
    const sounds = await search('family=Meekin&given=Mikey&birthdate=eq1970-05-12&_fuzzy-match=true');
    expect(sounds.body.entry.map((e: { search: { score: number } }) => e.search.score)).toEqual([0.8]);
    const swapped = await search('family=Mike&given=Meakin&birthdate=eq1970-05-12&_fuzzy-match=true');
    expect(swapped.body.entry[0]).toMatchObject({ search: { score: 0.7 }, resource: { id: '9658218873' } });
    expect((await search('family=Meekin&birthdate=eq1970-05-12')).body.total).toBe(0);
  });
});
