/** The API's OpenAPI 3.1 description, generated from the routes' own declarations (./route.ts). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import * as api from '../../shared/api';
import type { AppEnv } from '../appEnv';

/** The contract's schemas the description names (components/schemas): the same instances the SPA parses with. */
const NAMED: [ZodType, string][] = [
  [api.TraceEntrySchema, 'TraceEntry'],
  [api.ProblemSchema, 'Problem'],
  [api.IdentityCheckSchema, 'IdentityCheck'],
  [api.DemographicDifferenceSchema, 'DemographicDifference'],
  [api.GateSchema, 'Gate'],
  [api.PatientSchema, 'Patient'],
  [api.GpConnectRoutingSchema, 'GpConnectRouting'],
  [api.RecordSchema, 'CareRecordSection'],
  [api.AddressSchema, 'Address'],
  [api.TelecomSchema, 'Telecom'],
  [api.OrganisationSchema, 'Organisation'],
  [api.OrganisationSearchSchema, 'OrganisationSearch'],
  [api.OrganisationReadSchema, 'OrganisationRead'],
  [api.CapabilitySchema, 'Capability'],
  [api.PractitionerSchema, 'Practitioner'],
  [api.PractitionerSearchSchema, 'PractitionerSearch'],
  [api.PractitionerReadSchema, 'PractitionerRead'],
  [api.LocationSchema, 'LocationRead'],
  [api.NameSchema, 'Name'],
  [api.RegistrationDetailsSchema, 'RegistrationDetails'],
  [api.GpPatientSchema, 'GpPatient'],
  [api.RegistrationRequestSchema, 'RegistrationRequest'],
  [api.RegistrationResultSchema, 'RegistrationResult'],
  [api.SupportEntrySchema, 'SupportEntry'],
  [api.SupportLogSchema, 'SupportLog'],
  [api.SessionSchema, 'Session'],
  [api.SignOutSchema, 'SignOut'],
  [api.AuditEntrySchema, 'AuditEntry'],
  [api.AuditPageSchema, 'AuditPage'],
  [api.HealthSchema, 'Health'],
];
for (const [schema, refId] of NAMED) if (!zodToOpenAPIRegistry.has(schema)) zodToOpenAPIRegistry.add(schema, { _internal: { refId } });

export function openApiDocument(api: OpenAPIHono<AppEnv>) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'GP Connect Viewer BFF',
      version: '0.1.0',
      description:
        "The API the viewer's pages use. Every route but the public ones needs a signed-in session; state-changing requests need the session's X-CSRF-Token. Every error is application/problem+json with a code from the error catalogue (docs/errors.md); `x-problem-codes` lists each operation's codes by status, `x-access` its guard.",
    },
    servers: [{ url: '/' }],
  });
}

/** The session cookie scheme every non-public route names. */
export function registerSecuritySchemes(api: OpenAPIHono<AppEnv>): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    // `__Host-gpcv_session` when the viewer is served over https.
    name: 'gpcv_session',
    description: 'The session made at sign-in (NHS CIS2). AUTH_MODE=none (simulated Spine only) needs none.',
  });
}
