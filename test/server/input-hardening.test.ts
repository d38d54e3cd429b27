/**
 * Input hardening (issue 8 part 6; R1): hundreds of generated bad inputs — NHS numbers, ODS codes,
 * SDS user ids, record sections, dates, query strings and registration bodies — each answered with
 * a 4xx problem+json that says what is wrong, and none reaching the Spine.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { ERROR_CATALOGUE } from '../../src/shared/errors';
import { checkNhsNumber } from '../../src/shared/nhsNumber';
import { checkOdsCode, checkSdsUserId } from '../../src/shared/identifiers';
import { isSectionCode } from '../../src/shared/sections';
import { checkDateRange } from '../../src/shared/dates';
import { createTestBff } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

// Any request to the Spine fails the test: bad input must be refused before.
let spineCalls = 0;
setUpSimulatedSpine({
  handlers: [
    http.all('*', ({ request }) => {
      spineCalls++;
      return HttpResponse.json({ unexpected: request.url }, { status: 599 });
    }),
  ],
});

const bff = createTestBff();
let checked = 0;

async function expectRefused(path: string, init?: RequestInit): Promise<void> {
  const before = spineCalls;
  const response = await bff.app.request(path, init);
  const body = (await response.json()) as { code?: string; detail?: string; title?: string };
  expect(response.status, `${path} → ${response.status}`).toBeGreaterThanOrEqual(400);
  expect(response.status, path).toBeLessThan(500);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expect(Object.keys(ERROR_CATALOGUE), path).toContain(body.code);
  // A useful message: a title and a detail that says what is wrong.
  expect(body.title, path).toBeTruthy();
  expect((body.detail ?? '').length, path).toBeGreaterThan(10);
  expect(spineCalls - before, `${path} reached the Spine`).toBe(0);
  checked++;
}

const runs = { numRuns: 40, seed: 20261122 };
const printable = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 14 });
const anyText = fc.oneof(printable, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }));
const seg = (s: string) => encodeURIComponent(s);

/** Ten digits whose check digit is wrong. */
const wrongCheckDigit = fc
  .stringMatching(/^\d{9}$/)
  .chain((nine) => fc.integer({ min: 0, max: 9 }).map((d) => `${nine}${d}`))
  .filter((n) => !checkNhsNumber(n).valid);

describe('bad input never reaches the Spine', () => {
  it('NHS numbers: wrong check digit, wrong length, letters, symbols, unicode', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          wrongCheckDigit,
          anyText.filter((s) => !checkNhsNumber(s).valid && s.trim() !== '' && !s.includes('/')),
        ),
        async (nhs) => {
          await expectRefused(`/api/patients/${seg(nhs)}`);
        },
      ),
      runs,
    );
  });

  it('NHS numbers on every patient route, including the record and the registration', async () => {
    await fc.assert(
      fc.asyncProperty(wrongCheckDigit, fc.constantFrom('/record/SUM', '/gp-patient', '/gp-connect'), async (nhs, rest) => {
        await expectRefused(`/api/patients/${nhs}${rest}`);
      }),
      { ...runs, numRuns: 20 },
    );
    await fc.assert(
      fc.asyncProperty(wrongCheckDigit, async (nhs) => {
        await expectRefused(`/api/patients/${nhs}/registrations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ odsCode: 'A20047', given: 'A', family: 'B', birthDate: '1980-01-01', gender: 'male' }),
        });
      }),
      { ...runs, numRuns: 10 },
    );
  });

  it('ODS codes on organisation, capability, practitioner and location routes', async () => {
    const badOds = anyText.filter((s) => !checkOdsCode(s).valid && !s.includes('/') && s.trim() !== '');
    await fc.assert(
      fc.asyncProperty(badOds, fc.constantFrom('search', 'capability', 'practitioners', 'location', 'read'), async (ods, route) => {
        const path = {
          search: `/api/organisations?odsCode=${seg(ods)}`,
          capability: `/api/organisations/${seg(ods)}/capability`,
          practitioners: `/api/practitioners?sdsUserId=G13579135&odsCode=${seg(ods)}`,
          location: `/api/locations/11?odsCode=${seg(ods)}`,
          read: `/api/organisations/${seg(ods)}/by-id/1`,
        }[route];
        await expectRefused(path);
      }),
      runs,
    );
  });

  it('SDS user ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText.filter((s) => !checkSdsUserId(s).valid && s.trim() !== ''),
        async (sds) => {
          await expectRefused(`/api/practitioners?sdsUserId=${seg(sds)}&odsCode=A20047`);
        },
      ),
      runs,
    );
  });

  it('record sections', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText.filter((s) => !isSectionCode(s) && !s.includes('/') && s.trim() !== '' && s !== '.' && s !== '..'),
        async (section) => {
          await expectRefused(`/api/patients/9658218873/record/${seg(section)}`);
        },
      ),
      runs,
    );
  });

  it('dates: impossible days, wrong formats, reversed ranges, ranges on sections that take none', async () => {
    const date = fc.oneof(
      fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10).split('-').reverse().join('/')),
      fc
        .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 }))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc
        .tuple(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom(2, 4, 6, 9, 11), fc.constant(31))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${d}`),
      printable,
    );
    await fc.assert(
      fc.asyncProperty(date, fc.constantFrom('from', 'to'), async (value, field) => {
        fc.pre(!checkDateRange(field === 'from' ? value : undefined, field === 'to' ? value : undefined).valid);
        await expectRefused(`/api/patients/9658218873/record/ENC?${field}=${seg(value)}`);
      }),
      runs,
    );
    await expectRefused('/api/patients/9658218873/record/ENC?from=2016-07-01&to=2015-05-01');
    for (const section of ['SUM', 'ALL', 'IMM']) await expectRefused(`/api/patients/9658218873/record/${section}?from=2015-05-01`);
  });

  it('unknown query parameters on every route that takes a query', async () => {
    const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,11}$/).filter((n) => !['from', 'to', 'odsCode', 'sdsUserId', 'retrace'].includes(n));
    await fc.assert(
      fc.asyncProperty(
        name,
        fc.constantFrom(
          '/api/patients/9658218873/record/ENC',
          '/api/organisations?odsCode=A20047',
          '/api/practitioners?sdsUserId=G13579135&odsCode=A20047',
          '/api/locations/11?odsCode=A20047',
          '/api/patients/9658218873/gp-patient',
        ),
        async (param, path) => {
          await expectRefused(`${path}${path.includes('?') ? '&' : '?'}${param}=1`);
        },
      ),
      runs,
    );
  });

  it('registration bodies with a bad field', async () => {
    const good = { odsCode: 'A20047', given: 'Owen', family: 'Lister', birthDate: '1984-02-29', gender: 'male' };
    const bad = fc.oneof(
      fc.record({ odsCode: anyText.filter((s) => !/^[A-Za-z0-9]{1,9}$/.test(s.trim())) }),
      fc.record({ birthDate: printable.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)) }),
      fc.record({ gender: printable.filter((s) => !['male', 'female', 'other', 'unknown'].includes(s)) }),
      fc.record({ given: fc.constantFrom('', '   ') }),
      fc.record({ email: printable.filter((s) => !s.includes('@')) }),
      fc.record({ phone: fc.stringMatching(/^[a-z]{3,10}$/) }),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (change) => {
        await expectRefused('/api/patients/9690124676/registrations', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...good, ...change }),
        });
      }),
      runs,
    );
  });

  it('checked at least 200 bad inputs', () => {
    expect(checked).toBeGreaterThanOrEqual(200);
  });
});
