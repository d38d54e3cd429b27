/**
 * GP Connect STU3 Foundations on the wire (GP Connect 1.6: integration_interaction_ids, foundations): interaction ids, and
 * readers that turn the provider's resources into the contract's shapes. Unknown elements are
 * tolerated (acceptUnknown both: GP Connect 1.6: development_general_api_guidance); a body that is not the resource asked for is an error.
 */
import { z } from 'zod';
import type { Capability, Organisation, Practitioner } from '../../shared/api';
import { AppError } from '../problem';

const I = 'urn:nhs:names:services:gpconnect:fhir';
export const FOUNDATIONS = {
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
export type FoundationsInteraction = keyof typeof FOUNDATIONS;

export const SYSTEMS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  ods: 'https://fhir.nhs.uk/Id/ods-organization-code',
  sdsUser: 'https://fhir.nhs.uk/Id/sds-user-id',
  sdsRole: 'https://fhir.nhs.uk/Id/sds-role-profile-id',
} as const;

const Identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const HumanName = z.looseObject({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
});
const Address = z.looseObject({
  use: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  postalCode: z.string().optional(),
});
const ContactPoint = z.looseObject({ system: z.string().optional(), value: z.string().optional(), use: z.string().optional() });
const Reference = z.looseObject({ reference: z.string().optional() });
type Extension = {
  url: string;
  extension?: Extension[];
  valueReference?: { reference?: string };
  valuePeriod?: { start?: string; end?: string };
  valueCodeableConcept?: { coding?: { code?: string; display?: string }[] };
};
const ExtensionSchema: z.ZodType<Extension> = z.lazy(() =>
  z.looseObject({
    url: z.string(),
    extension: z.array(ExtensionSchema).optional(),
    valueReference: Reference.optional(),
    valuePeriod: z.looseObject({ start: z.string().optional(), end: z.string().optional() }).optional(),
    valueCodeableConcept: z
      .looseObject({ coding: z.array(z.looseObject({ code: z.string().optional(), display: z.string().optional() })).optional() })
      .optional(),
  }),
);

const resource = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.looseObject({ resourceType: z.literal(type), id: z.string(), ...shape });

export const OrganizationResource = resource('Organization', {
  extension: z.array(ExtensionSchema).optional(),
  identifier: z.array(Identifier).optional(),
  name: z.string().optional(),
  address: z.array(Address).optional(),
  telecom: z.array(ContactPoint).optional(),
});
export const PractitionerResource = resource('Practitioner', {
  identifier: z.array(Identifier).optional(),
  name: z.array(HumanName).optional(),
  gender: z.string().optional(),
});
export const LocationResource = resource('Location', {
  name: z.string().optional(),
  address: Address.optional(),
  telecom: z.array(ContactPoint).optional(),
  managingOrganization: Reference.optional(),
});
export const PatientResource = resource('Patient', {
  identifier: z.array(Identifier).optional(),
  name: z.array(HumanName).optional(),
  gender: z.string().optional(),
  birthDate: z.string().optional(),
  extension: z.array(ExtensionSchema).optional(),
  managingOrganization: Reference.optional(),
});
const CapabilityResource = z.looseObject({
  resourceType: z.literal('CapabilityStatement'),
  version: z.string(),
  fhirVersion: z.string().optional(),
  publisher: z.string().optional(),
  software: z.looseObject({ name: z.string().optional(), version: z.string().optional() }).optional(),
  rest: z
    .array(
      z.looseObject({
        resource: z.array(z.looseObject({ type: z.string(), interaction: z.array(z.looseObject({ code: z.string() })).optional() })).optional(),
        operation: z.array(z.looseObject({ name: z.string() })).optional(),
      }),
    )
    .optional(),
});

const malformed = (detail: string) => new AppError('UPSTREAM_MALFORMED', { step: 'provider', upstreamStatus: 200, detail });

/** The resources of one type in a searchset Bundle; anything else in the body is an error. */
export function searchsetOf<S extends z.ZodType>(body: unknown, type: string, schema: S): z.infer<S>[] {
  const bundle = z
    .looseObject({
      resourceType: z.literal('Bundle'),
      type: z.literal('searchset'),
      entry: z.array(z.looseObject({ resource: z.looseObject({ resourceType: z.string() }) })).optional(),
    })
    .safeParse(body);
  if (!bundle.success) throw malformed('The GP system answered a search with something that is not a searchset Bundle');
  return (bundle.data.entry ?? [])
    .filter((e) => e.resource.resourceType === type)
    .map((e) => {
      const parsed = schema.safeParse(e.resource);
      if (!parsed.success) throw malformed(`The GP system returned a ${type} that could not be read`);
      return parsed.data;
    });
}

export function readAs<S extends z.ZodType>(body: unknown, type: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw malformed(`The GP system answered a ${type} read with something that is not a readable ${type}`);
  return parsed.data;
}

const addressOf = (a: z.infer<typeof Address>) => ({ lines: a.line ?? [], city: a.city, postalCode: a.postalCode });
const telecomOf = (t: z.infer<typeof ContactPoint>[] = []) =>
  t.filter((c) => c.value).map((c) => ({ system: c.system ?? 'other', value: c.value!, use: c.use }));

export function toOrganisation(r: z.infer<typeof OrganizationResource>): Organisation {
  return {
    id: r.id,
    odsCode: r.identifier?.find((i) => i.system === SYSTEMS.ods)?.value,
    name: r.name,
    address: (r.address ?? []).map(addressOf),
    telecom: telecomOf(r.telecom),
    // CareConnect's main-location extension, when the GP system gives it.
    mainLocationId: idOf(r.extension?.find((e) => e.url.endsWith('/Extension-CareConnect-MainLocation-1'))?.valueReference?.reference, 'Location'),
  };
}

export function nameText(name: z.infer<typeof HumanName> | undefined): string | undefined {
  if (!name) return undefined;
  // Structured when the family name is known; otherwise the text (GP Connect 1.6: foundations_use_case_find_a_practitioner).
  if (name.family) return [...(name.prefix ?? []), ...(name.given ?? []), name.family].join(' ');
  return name.text;
}

export function toPractitioner(r: z.infer<typeof PractitionerResource>): Practitioner {
  const ids = r.identifier ?? [];
  return {
    id: r.id,
    name: nameText(r.name?.[0]),
    sdsUserIds: ids.filter((i) => i.system === SYSTEMS.sdsUser && i.value).map((i) => i.value!),
    roleProfileIds: ids.filter((i) => i.system === SYSTEMS.sdsRole && i.value).map((i) => i.value!),
    gender: r.gender,
  };
}

export function toLocation(r: z.infer<typeof LocationResource>) {
  return {
    id: r.id,
    name: r.name,
    address: r.address ? [addressOf(r.address)] : [],
    telecom: telecomOf(r.telecom),
    managingOrganisationId: idOf(r.managingOrganization?.reference, 'Organization'),
  };
}

/** The logical id in a literal reference like "Organization/14", if it is one of that type. */
export function idOf(reference: string | undefined, type: string): string | undefined {
  const match = reference?.match(new RegExp(`^${type}/([A-Za-z0-9\\-.]{1,64})$`));
  return match?.[1];
}

/** Registration details extension (GP Connect 1.6: foundations_use_case_read_a_patient): period, type, preferred branch surgery. */
export function registrationOf(extensions: Extension[] = []) {
  const details = extensions.find((e) => e.url.endsWith('/Extension-CareConnect-GPC-RegistrationDetails-1'))?.extension ?? [];
  const sub = (url: string) => details.find((e) => e.url === url);
  const coding = sub('registrationType')?.valueCodeableConcept?.coding?.[0];
  const period = sub('registrationPeriod')?.valuePeriod;
  return {
    type: coding?.code ? { code: coding.code, display: coding.display } : undefined,
    period: period ? { start: period.start, end: period.end } : undefined,
    preferredBranchSurgeryId: idOf(sub('preferredBranchSurgery')?.valueReference?.reference, 'Location'),
  };
}

/** The one official name (GP Connect 1.6: foundations_use_case_read_a_patient), or the first name given. */
export function officialName(r: z.infer<typeof PatientResource>) {
  const name = r.name?.find((n) => n.use === 'official') ?? r.name?.[0];
  if (!name?.family) return undefined;
  return { prefix: name.prefix?.[0], given: name.given ?? [], family: name.family };
}

export function toCapability(body: unknown, odsCode: string): Omit<Capability, 'trace' | 'retrievedAt'> {
  const parsed = CapabilityResource.safeParse(body);
  if (!parsed.success) throw malformed('The GP system answered the metadata read with something that is not a CapabilityStatement');
  const c = parsed.data;
  const rest = c.rest?.[0];
  return {
    odsCode,
    gpConnectVersion: c.version,
    fhirVersion: c.fhirVersion,
    supplier: c.publisher,
    software: c.software?.name ? [c.software.name, c.software.version].filter(Boolean).join(' ') : undefined,
    resources: (rest?.resource ?? []).map((r) => ({ type: r.type, interactions: (r.interaction ?? []).map((i) => i.code) })),
    operations: (rest?.operation ?? []).map((o) => o.name),
  };
}
