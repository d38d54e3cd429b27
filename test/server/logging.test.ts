/** Logs are structured (pino JSON lines) and never carry an NHS number, a name or a token (issue 5). */
import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from '../../src/server/logger';
import { createTestBff, signInAs, testUser } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

setUpSimulatedSpine();

describe('log redaction', () => {
  it('scrubs NHS numbers (in any spacing) and JWTs from any string, and redacts named fields', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.info(
      {
        event: 'x',
        path: '/api/patients/9658218873/record/SUM',
        note: 'patient 965 821 8873 and 965-821-8873',
        nested: { name: 'Mike Meakin', nhsNumber: '9658218873', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' },
      },
      'token eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. for 9658218873',
    );
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({
      level: 30,
      service: 'gp-connect-viewer-bff',
      event: 'x',
      path: '/api/patients/[nhs-number]/record/SUM',
      note: 'patient [nhs-number] and [nhs-number]',
    });
    expect(line.nested).toEqual({ name: '[redacted]', nhsNumber: '[redacted]', authorization: '[redacted]' });
    expect(line.msg).toBe('token [token] for [nhs-number]');
    expect(typeof line.time).toBe('string');
  });

  it('leaves what is not sensitive alone: trace ids, ODS codes, statuses', () => {
    expect(scrub({ traceId: '27da7f02-ab41-4495-9817-65f386bfc495', practice: 'A20047', status: 200, ms: 1234567890 })).toEqual({
      traceId: '27da7f02-ab41-4495-9817-65f386bfc495',
      practice: 'A20047',
      status: 200,
      ms: 1234567890,
    });
  });

  it('a signed-in session through records, errors and sign-out writes no NHS number, name, cookie or token', async () => {
    const bff = createTestBff({ AUTH_MODE: 'oidc' });
    const headers = await signInAs(bff.services, testUser('clinician'));
    for (const path of [
      '/api/patients/9658218873',
      '/api/patients/9658218873/record/SUM',
      '/api/patients/9658220169/record/SUM',
      '/api/patients/9658218874',
      '/api/patients/9690124889/record/SUM',
    ]) {
      await bff.app.request(path, { headers });
    }
    await bff.app.request('/api/auth/logout', { method: 'POST', headers });
    const text = JSON.stringify(bff.logs);
    expect(bff.logs.length).toBeGreaterThan(5);
    // No 10-digit number on its own (SDS user ids are 12 digits, and are not patient data).
    expect(text.match(/\b\d{10}\b|\b\d{3} \d{3} \d{4}\b/g) ?? []).toEqual([]);
    for (const nhs of ['9658218873', '9658220169', '9658218874', '9690124889']) expect(text).not.toContain(nhs);
    expect(text).not.toMatch(/Meakin|Huson|Gilbert|Nichole/i);
    expect(text).not.toContain(headers.Cookie.split('=')[1]);
    expect(text).not.toContain(headers['X-CSRF-Token']);
    expect(text).not.toContain('eyJ');
    // What is logged is still useful: each request, its status and its trace id.
    expect(bff.logs.filter((l) => l.event === 'request').map((l) => l.status)).toEqual([200, 200, 403, 400, 200, 200]);
  });
});
