/**
 * GP Connect interaction ids the simulated practices offer (GP Connect 1.6: integration_interaction_ids), and which
 * service root URL SDS holds for each: DSTU2 HTML on one, STU3 Foundations on the other (GP Connect 1.6: integration_spine_directory_service).
 */
import type { WorldPractice } from '../world';

export const DSTU2_INTERACTIONS = [
  'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord',
  'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata',
] as const;

const I = 'urn:nhs:names:services:gpconnect:fhir';
export const STU3_INTERACTIONS = {
  metadata: `${I}:rest:read:metadata-1`,
  readPatient: `${I}:rest:read:patient-1`,
  searchPatient: `${I}:rest:search:patient-1`,
  readPractitioner: `${I}:rest:read:practitioner-1`,
  searchPractitioner: `${I}:rest:search:practitioner-1`,
  readOrganization: `${I}:rest:read:organization-1`,
  searchOrganization: `${I}:rest:search:organization-1`,
  readLocation: `${I}:rest:read:location-1`,
  registerPatient: `${I}:operation:gpc.registerpatient-1`,
} as const;

/** Access Record Structured, on the STU3 root, only where the practice offers it (GP Connect 1.6.2: accessrecord_structured). */
export const STRUCTURED_INTERACTION = `${I}:operation:gpc.getstructuredrecord-1`;

export const GP_CONNECT_INTERACTIONS: readonly string[] = [...DSTU2_INTERACTIONS, ...Object.values(STU3_INTERACTIONS), STRUCTURED_INTERACTION];

const isStu3 = (interaction: string) => interaction === STRUCTURED_INTERACTION || (Object.values(STU3_INTERACTIONS) as string[]).includes(interaction);

/** The interactions SDS holds for this practice. */
export function interactionsOffered(gpc: NonNullable<WorldPractice['gpConnect']>): readonly string[] {
  return GP_CONNECT_INTERACTIONS.filter(
    (i) => (i !== STRUCTURED_INTERACTION || gpc.structured) && (gpc.html !== false || !(DSTU2_INTERACTIONS as readonly string[]).includes(i)),
  );
}

/** The service root URL SDS holds for this practice and interaction. */
export function rootUrlFor(gpc: NonNullable<WorldPractice['gpConnect']>, interaction: string): string {
  return isStu3(interaction) ? gpc.stu3RootUrl : gpc.dstu2RootUrl;
}

/** The interactions a request to this root URL may carry (the SSP's receiver check). */
export function interactionsAt(gpc: NonNullable<WorldPractice['gpConnect']>, rootUrl: string): readonly string[] {
  return interactionsOffered(gpc).filter((i) => (rootUrl === gpc.stu3RootUrl) === isStu3(i));
}
