/**
 * Bad input is never an outage (issue 16 part 6; R1): NUL bytes, lone surrogates, malformed
 * escapes, control characters, very long and hostile strings, wrong bodies, over every route of
 * the OpenAPI description. Each answer is a 4xx problem or a real answer, never a 5xx; what the
 * database cannot store is kept in the audit escaped, not refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/server/api/openapi';
import { createTestBff } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

setUpSimulatedSpine();

const clinician = createTestBff();
const officer = createTestBff({ USER_ROLE_CODE: 'R0001' });

interface Route {
  method: string;
  template: string;
  params: { name: string; example?: string }[];
  query: { name: string; example?: string }[];
  body: boolean;
}

const document = JSON.parse(JSON.stringify(openApiDocument(clinician.app))) as {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: { example?: unknown } }[]; requestBody?: unknown }>>;
};
const routes: Route[] = Object.entries(document.paths).flatMap(([template, operations]) =>
  Object.entries(operations).map(([method, op]) => {
    const of = (where: string) =>
      (op.parameters ?? [])
        .filter((p) => p.in === where)
        .map((p) => ({ name: p.name, example: p.schema?.example === undefined ? undefined : String(p.schema.example) }));
    return { method: method.toUpperCase(), template, params: of('path'), query: of('query'), body: Boolean(op.requestBody) };
  }),
);

/** Percent-encodes anything, a lone surrogate too (as the three bytes a careless encoder writes for it: invalid UTF-8). */
function encode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16).toUpperCase()}%${(0x80 | ((code >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

const hostile = fc.constantFrom(
  '\u0000',
  'A2\u00000047',
  '\ud800',
  '\udfff',
  '965\u00008218873',
  "'; DROP TABLE audit_events; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u202egnp.exe',
  '\u0007\u001b[31m',
  'null',
  '{}',
  '9658218873\u0000',
  'x'.repeat(5000),
  '%',
  '٩٦٥٨٢١٨٨٧٣',
);
const text = fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 16 }), fc.string({ maxLength: 12 }));
/** A raw query or path piece that is not even valid percent-encoding. */
const malformed = fc.constantFrom('%zz', '%', '%E0%A4', '%ED%A0%80', '%C0%80', '%FF');

const body = fc.oneof(
  fc
    .record({ odsCode: text, given: text, family: text, birthDate: text, gender: text }, { requiredKeys: [] })
    .map((b) => ({ text: JSON.stringify(b), type: 'application/json' })),
  fc
    .record({
      odsCode: fc.constant('A20047'),
      given: text,
      family: fc.constant('Lister'),
      birthDate: fc.constant('1984-02-29'),
      gender: fc.constant('male'),
      address: fc.record({ lines: fc.array(text, { maxLength: 5 }), city: text, postalCode: text }, { requiredKeys: [] }),
    })
    .map((b) => ({ text: JSON.stringify(b), type: 'application/json' })),
  fc.jsonValue().map((v) => ({ text: JSON.stringify(v), type: 'application/json' })),
  text.map((t) => ({ text: t, type: 'application/json' })),
  text.map((t) => ({ text: t, type: fc.sample(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', ''), 1)[0] })),
);

/** One request to a route: each part a valid example or something bad, at random. */
const request = fc
  .record({
    route: fc.constantFrom(...routes),
    values: fc.array(
      fc.oneof({ arbitrary: text.map(encode), weight: 6 }, { arbitrary: malformed, weight: 1 }, { arbitrary: fc.constant(undefined), weight: 3 }),
      { minLength: 8, maxLength: 8 },
    ),
    extraName: fc.option(fc.oneof(text.map(encode), malformed), { freq: 3 }),
    body,
  })
  .map(({ route, values, extraName, body }) => {
    let i = 0;
    const next = () => values[i++ % values.length];
    let path = route.template;
    for (const param of route.params) path = path.replace(`{${param.name}}`, next() ?? encode(param.example ?? '1'));
    const query = route.query
      .map((q) => [q.name, next()] as const)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`);
    if (extraName) query.push(`${extraName}=${next() ?? '1'}`);
    const url = `${path}${query.length ? `?${query.join('&')}` : ''}`;
    const init: RequestInit = { method: route.method };
    if (route.body) init.body = body.text;
    if (route.body && body.type) init.headers = { 'Content-Type': body.type };
    return { route, url, init };
  });

describe('bad input is never an outage', () => {
  it('what the database cannot store is refused as bad input, and kept escaped in the audit', async () => {
    const cases: [string, string][] = [
      ['/api/patients/%00', 'INVALID_NHS_NUMBER'],
      ['/api/patients/%ED%A0%80', 'INVALID_NHS_NUMBER'],
      ['/api/patients/9658218873/record/%00', 'INVALID_SECTION'],
      ['/api/organisations?odsCode=%00', 'INVALID_ODS_CODE'],
      ['/api/patients/9658218873?%00=1', 'INVALID_QUERY'],
    ];
    for (const [path, code] of cases) {
      const response = await clinician.app.request(path);
      expect([path, response.status, (await response.json()).code]).toEqual([path, 400, code]);
    }
    const [row] = await clinician.services.database.query<{ details: unknown }>(
      `SELECT details FROM audit_events WHERE action = 'patient.trace' AND error_code = 'INVALID_NHS_NUMBER' ORDER BY id LIMIT 1`,
    );
    expect(JSON.stringify(row.details)).toContain('"requestedNhsNumber":"\\\\u0000"');
    const audit = await officer.app.request('/api/audit?user=%00');
    expect([audit.status, (await audit.json()).code]).toEqual([400, 'INVALID_QUERY']);
  });

  it('a registration whose names hold a control character is refused before any call', async () => {
    const registration = { odsCode: 'A20047', given: 'Owen\u0000', family: 'Lister\u0007', birthDate: '1984-02-29', gender: 'male' };
    const response = await clinician.app.request('/api/patients/9690124676/registrations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(registration),
    });
    const problem = await response.json();
    expect([response.status, problem.code]).toEqual([400, 'INVALID_REGISTRATION']);
    expect(Object.keys(problem.fields).sort()).toEqual(['family', 'given']);
  });

  it('10,000 generated bad requests over every route (fixed seed): not one 5xx', { timeout: 600_000 }, async () => {
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ route, url, init }) => {
        const bff = route.template.startsWith('/api/audit') ? officer : clinician;
        const response = await bff.app.request(url, init);
        sent++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) failures.push(`${init.method} ${url.slice(0, 120)} → ${response.status} ${(await response.json()).code}`);
        return response.status < 500;
      }),
      { numRuns: 10_000, seed: 20261201, endOnFailure: true },
    );
    expect(failures).toEqual([]);
    expect(sent).toBe(10_000);
    // Most requests are refused as bad input; some are valid enough to be answered.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(5_000);
    expect(new Set(routes.map((r) => `${r.method} ${r.template}`)).size).toBe(24);
  });
});
