/**
 * Choosing the provider's endpoint and ASID from what SDS holds (R34), whichever way SDS was read.
 */
import { describe, expect, it } from 'vitest';
import { chooseRoute } from '../../src/server/spine/sdsRoute';
import { AppError } from '../../src/server/problem';

const INTERACTION = 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord';
const ENDPOINT = { address: 'https://gp.example/H81010/DSTU2/0/gpconnect', partyKey: 'H81010-9200505' };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('chooseRoute (R34)', () => {
  it('takes the AS record whose party key matches the endpoint, wherever SDS lists it (a supplier move)', () => {
    const route = chooseRoute(
      'H81010',
      INTERACTION,
      [ENDPOINT],
      [
        { asid: '918999200500', partyKey: 'H81010-821999' },
        { asid: '918999200505', partyKey: 'H81010-9200505' },
      ],
    );
    expect(route).toEqual({ odsCode: 'H81010', rootUrl: ENDPOINT.address, asid: '918999200505', partyKey: 'H81010-9200505' });
  });

  it('keeps an ASID with leading zeros as it is', () => {
    expect(chooseRoute('H81010', INTERACTION, [ENDPOINT], [{ asid: '000428682512', partyKey: ENDPOINT.partyKey }]).asid).toBe('000428682512');
  });

  it('refuses two AS records with the same party key, and several with none matching: never a guess', () => {
    const same = [
      { asid: '918999200606', partyKey: ENDPOINT.partyKey },
      { asid: '918999200607', partyKey: ENDPOINT.partyKey },
    ];
    expect(codeOf(() => chooseRoute('H81010', INTERACTION, [ENDPOINT], same))).toBe('SDS_AMBIGUOUS');
    const none = [
      { asid: '1', partyKey: 'H81010-1' },
      { asid: '2', partyKey: 'H81010-2' },
    ];
    expect(codeOf(() => chooseRoute('H81010', INTERACTION, [ENDPOINT], none))).toBe('SDS_AMBIGUOUS');
    // One AS record with a different party key belongs to another system: not used.
    expect(codeOf(() => chooseRoute('H81010', INTERACTION, [ENDPOINT], [none[0]]))).toBe('SDS_AMBIGUOUS');
  });

  it('refuses two endpoints with different addresses or party keys for one interaction; the same address twice is one endpoint', () => {
    const other = { address: 'https://gp.example/other', partyKey: ENDPOINT.partyKey };
    expect(codeOf(() => chooseRoute('H81010', INTERACTION, [ENDPOINT, other], [{ asid: '1', partyKey: ENDPOINT.partyKey }]))).toBe('SDS_AMBIGUOUS');
    const otherKey = { address: ENDPOINT.address, partyKey: 'H81010-1' };
    expect(codeOf(() => chooseRoute('H81010', INTERACTION, [ENDPOINT, otherKey], [{ asid: '1', partyKey: ENDPOINT.partyKey }]))).toBe('SDS_AMBIGUOUS');
    expect(chooseRoute('H81010', INTERACTION, [ENDPOINT, { ...ENDPOINT }], [{ asid: '1', partyKey: ENDPOINT.partyKey }]).asid).toBe('1');
  });

  it('uses a lone AS record when there is no party key to compare', () => {
    expect(chooseRoute('H81010', INTERACTION, [{ address: ENDPOINT.address }], [{ asid: '7' }]).asid).toBe('7');
  });

  it('no endpoint or no AS record: the practice does not offer GP Connect (R11); an AS record without an ASID is malformed', () => {
    expect(codeOf(() => chooseRoute('H81010', INTERACTION, [], [{ asid: '1' }]))).toBe('PRACTICE_NOT_GP_CONNECT');
    expect(codeOf(() => chooseRoute('H81010', INTERACTION, [ENDPOINT], []))).toBe('PRACTICE_NOT_GP_CONNECT');
    expect(codeOf(() => chooseRoute('H81010', INTERACTION, [ENDPOINT], [{ partyKey: ENDPOINT.partyKey }]))).toBe('UPSTREAM_MALFORMED');
  });
});
