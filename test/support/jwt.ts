/** A valid DSTU2 getcarerecord JWT for a test clinician, as the BFF would build it. */
import { buildDstu2Jwt } from '../../src/server/spine/jwt';

export function testJwt(nhsNumber: string): string {
  return buildDstu2Jwt({
    iss: 'https://viewer.example/',
    user: { sdsUserId: 'G13579135', roleProfileId: '111111111', family: 'Gilbert', given: 'Nichole', prefix: 'Dr' },
    organisation: { odsCode: 'GPC001', name: 'Consumer' },
    requestedRecord: { kind: 'patient', nhsNumber },
    scope: 'patient/*.read',
  });
}
