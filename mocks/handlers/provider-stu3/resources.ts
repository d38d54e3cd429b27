/**
 * STU3 Foundations resources as a simulated provider returns them (GP Connect 1.6: foundations_use_case_get_the_fhir_capability_statement, foundations_use_case_find_a_patient, foundations_use_case_read_a_patient, foundations_use_case_find_a_practitioner, foundations_use_case_read_a_practitioner, foundations_use_case_find_an_organisation, foundations_use_case_read_an_organisation, foundations_use_case_read_a_location):
 * profiled `meta` with a versionId, identifiers on the https://fhir.nhs.uk systems, and only the
 * elements the population rules allow.
 */
import type { WorldAddress, WorldLocation, WorldPatient, WorldPractice, WorldPractitioner } from '../../world';

const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';
export const SDS_ROLE_SYSTEM = 'https://fhir.nhs.uk/Id/sds-role-profile-id';

export const MAIN_LOCATION_EXTENSION = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-MainLocation-1';

export type Resource = { resourceType: string; id: string; meta: { versionId: string; profile: string[] } } & Record<string, unknown>;

const meta = (profile: string, versionId = '1') => ({ versionId, profile: [`${PROFILE}/${profile}`] });
const address = (a: WorldAddress, use = 'work') => ({ use, line: a.line, city: a.city, postalCode: a.postalCode });
const phone = (value: string, use = 'work') => ({ system: 'phone', value, use });

export function organisationResource(practice: WorldPractice, record: { id: string; odsCode: string; name?: string; telephone?: string }): Resource {
  const main = practice.foundations?.locations.find((l) => l.main);
  return {
    resourceType: 'Organization',
    id: record.id,
    meta: meta('CareConnect-GPC-Organization-1'),
    // CareConnect's main-location extension: the one way an Organization points at a Location.
    ...(main ? { extension: [{ url: MAIN_LOCATION_EXTENSION, valueReference: { reference: `Location/${main.id}` } }] } : {}),
    identifier: [{ system: ODS_SYSTEM, value: record.odsCode }],
    name: record.name ?? practice.name,
    address: [address(practice.address)],
    telecom: [phone(record.telephone ?? practice.telephone)],
  };
}

export function organisationReference(practice: WorldPractice): string {
  const own = practice.foundations?.organisations.find((o) => o.odsCode === practice.odsCode);
  // A GP system may point at an Organization it cannot serve (scenario practice-without-organisation-record).
  return `Organization/${own?.id ?? `${practice.odsCode}-org`}`;
}

export function locationResource(practice: WorldPractice, location: WorldLocation): Resource {
  return {
    resourceType: 'Location',
    id: location.id,
    meta: meta('CareConnect-GPC-Location-1'),
    name: location.name,
    address: address(location.address),
    telecom: [phone(location.telephone)],
    managingOrganization: { reference: organisationReference(practice) },
  };
}

export function practitionerResource(practitioner: WorldPractitioner): Resource {
  const name =
    'text' in practitioner.name
      ? { text: practitioner.name.text }
      : {
          use: 'usual',
          family: practitioner.name.family,
          given: practitioner.name.given ?? [],
          prefix: practitioner.name.prefix ? [practitioner.name.prefix] : [],
        };
  return {
    resourceType: 'Practitioner',
    id: practitioner.id,
    meta: meta('CareConnect-GPC-Practitioner-1'),
    identifier: [
      { system: SDS_USER_SYSTEM, value: practitioner.sdsUserId },
      ...practitioner.roleProfileIds.map((value) => ({ system: SDS_ROLE_SYSTEM, value })),
    ],
    name: [name],
    gender: practitioner.gender,
  };
}

/** Registration as the GP system holds it: regular (from the world) or temporary (register patient). */
export interface Registration {
  type: 'R' | 'T';
  start: string;
  end?: string;
  preferredBranch?: string;
}

const REGISTRATION_TYPE_DISPLAY = { R: 'Regular', T: 'Temporary' } as const;

export function patientResource(id: string, patient: WorldPatient, practice: WorldPractice, registration: Registration): Resource {
  const pds = patient.pds!;
  const local = patient.gp?.demographics ?? {};
  const family = local.family ?? pds.family;
  const given = local.given ?? pds.given;
  const registrationDetails = [
    { url: 'registrationPeriod', valuePeriod: { start: registration.start, ...(registration.end ? { end: registration.end } : {}) } },
    {
      url: 'registrationType',
      valueCodeableConcept: {
        coding: [
          {
            system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-RegistrationType-1',
            code: registration.type,
            display: REGISTRATION_TYPE_DISPLAY[registration.type],
          },
        ],
      },
    },
    ...(registration.preferredBranch ? [{ url: 'preferredBranchSurgery', valueReference: { reference: `Location/${registration.preferredBranch}` } }] : []),
  ];
  return {
    resourceType: 'Patient',
    id,
    meta: meta('CareConnect-GPC-Patient-1', pds.versionId),
    extension: [{ url: `${PROFILE}/Extension-CareConnect-GPC-RegistrationDetails-1`, extension: registrationDetails }],
    identifier: [
      {
        extension: [
          {
            url: `${PROFILE}/Extension-CareConnect-GPC-NHSNumberVerificationStatus-1`,
            valueCodeableConcept: {
              coding: [
                { system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-NHSNumberVerificationStatus-1', code: '01', display: 'Number present and verified' },
              ],
            },
          },
        ],
        system: NHS_NUMBER_SYSTEM,
        value: patient.nhsNumber,
      },
    ],
    active: true,
    name: [
      {
        use: 'official',
        text: `${family.toUpperCase()} ${given.join(' ')}${pds.prefix ? ` (${pds.prefix})` : ''}`,
        family,
        given,
        prefix: pds.prefix ? [pds.prefix] : [],
      },
    ],
    ...(pds.telephone ? { telecom: [phone(pds.telephone, 'home')] } : {}),
    gender: local.gender ?? pds.gender,
    birthDate: local.birthDate ?? pds.birthDate,
    ...(pds.address ? { address: [{ ...address(pds.address, 'home'), type: 'physical' }] } : {}),
    managingOrganization: { reference: organisationReference(practice) },
  };
}

export function searchset(resources: Resource[]) {
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    meta: { profile: [`${PROFILE}/GPConnect-Searchset-Bundle-1`] },
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({ resource })),
  };
}

const READ_SEARCH = [{ code: 'read' }, { code: 'search-type' }];
const identifierParam = [{ name: 'identifier', type: 'token' }];

/** The CapabilityStatement of GP Connect 1.6: foundations_use_case_get_the_fhir_capability_statement (examples/gpconnect/stu3-foundations-capabilitystatement.json). */
export function capabilityStatement(practice: WorldPractice) {
  const gpc = practice.gpConnect!;
  return {
    resourceType: 'CapabilityStatement',
    version: gpc.version,
    name: 'GP Connect',
    status: 'active',
    date: '2020-01-15',
    publisher: gpc.supplier,
    description: `This server implements the GP Connect API version ${gpc.version}`,
    kind: 'capability',
    software: { name: gpc.supplier, version: '4.2.0', releaseDate: '2025-06-01' },
    fhirVersion: '3.0.1',
    acceptUnknown: 'both',
    format: ['application/fhir+json', 'application/fhir+xml'],
    profile: ['Patient', 'Organization', 'Practitioner', 'Location'].map((r) => ({ reference: `${PROFILE}/CareConnect-GPC-${r}-1` })),
    rest: [
      {
        mode: 'server',
        security: { cors: true },
        resource: [
          { type: 'Patient', interaction: READ_SEARCH, searchParam: identifierParam },
          { type: 'Organization', interaction: READ_SEARCH, searchParam: identifierParam },
          { type: 'Practitioner', interaction: READ_SEARCH, searchParam: identifierParam },
          { type: 'Location', interaction: [{ code: 'read' }] },
        ],
        operation: [
          { name: 'gpc.registerpatient', definition: { reference: 'https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-RegisterPatient-Operation-1' } },
          // Listed only where the practice offers Access Record Structured.
          ...(gpc.structured
            ? [
                {
                  name: 'gpc.getstructuredrecord',
                  definition: { reference: 'https://fhir.nhs.uk/STU3/OperationDefinition/GPConnect-GetStructuredRecord-Operation-1/_history/1.19' },
                },
              ]
            : []),
        ],
      },
    ],
  };
}
