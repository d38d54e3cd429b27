/**
 * GP Connect Foundations use cases (GP Connect 1.6: foundations; R7, R13–R18): every call goes to the
 * practice's own STU3 server, found in SDS by the interaction about to be made (R8), with an STU3
 * JWT whose aud is that server's root URL (GP Connect 1.6: integration_cross_organisation_audit_and_provenance), through the SSP.
 */
import type {
  Capability,
  DemographicDifference,
  GpPatient,
  Organisation,
  OrganisationSearch,
  Practitioner,
  RegistrationRequest,
  RegistrationResult,
} from '../../shared/api';
import type { ErrorCode } from '../../shared/errors';
import { AppError } from '../problem';
import type { RequestContext } from '../context';
import type { Stu3Scope } from '../spine/jwt';
import type { TracedPatient } from '../spine/pds';
import type { ProviderRoute } from '../spine/sds';
import {
  FOUNDATIONS,
  idOf,
  LocationResource,
  officialName,
  OrganizationResource,
  PatientResource,
  PractitionerResource,
  readAs,
  registrationOf,
  searchsetOf,
  SYSTEMS,
  toCapability,
  toLocation,
  toOrganisation,
  toPractitioner,
  type FoundationsInteraction,
} from '../spine/foundations';
import type { Services } from '../services';
import { assertFoundationsAllowed } from './gates';
import { routeFor } from './routing';
import { tracePatient } from './tracePatient';

/** The scope each Foundations interaction needs in the JWT (GP Connect 1.6: integration_interaction_ids). */
const SCOPES: Record<FoundationsInteraction, Stu3Scope> = {
  metadata: 'organization/*.read',
  readPatient: 'patient/*.read',
  searchPatient: 'patient/*.read',
  readPractitioner: 'organization/*.read',
  searchPractitioner: 'organization/*.read',
  readOrganization: 'organization/*.read',
  searchOrganization: 'organization/*.read',
  readLocation: 'organization/*.read',
  registerPatient: 'patient/*.write',
};

interface FoundationsCall {
  odsCode: string;
  interaction: FoundationsInteraction;
  label: string;
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  notFound?: ErrorCode;
  /** Already looked up in SDS (R8) by the caller. */
  route?: ProviderRoute;
}

async function callFoundations(services: Services, ctx: RequestContext, call: FoundationsCall): Promise<unknown> {
  const route = call.route ?? (await routeFor(services, ctx, call.odsCode, FOUNDATIONS[call.interaction]));
  return services.spine.gpConnect.call(
    {
      version: { fhir: 'STU3', scope: SCOPES[call.interaction] },
      route,
      interactionId: FOUNDATIONS[call.interaction],
      label: call.label,
      method: call.method ?? 'GET',
      path: call.path,
      body: call.body,
      notFound: call.notFound,
    },
    ctx,
  );
}

/** `identifier=system|value`, percent-encoded (GP Connect 1.6: integration_spine_secure_proxy: notably the '|'). */
const identifierQuery = (system: string, value: string) => `identifier=${encodeURIComponent(`${system}|${value}`)}`;

/** R15: organisations with this ODS code at its own GP system; none when SDS knows no GP Connect server for it. */
export async function searchOrganisations(
  services: Services,
  ctx: RequestContext,
  odsCode: string,
): Promise<Omit<OrganisationSearch, 'trace' | 'retrievedAt'>> {
  let body: unknown;
  try {
    body = await callFoundations(services, ctx, {
      odsCode,
      interaction: 'searchOrganization',
      label: 'search organisation',
      path: `/Organization?${identifierQuery(SYSTEMS.ods, odsCode)}`,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'PRACTICE_NOT_GP_CONNECT') return { odsCode, gpConnect: false, organisations: [] };
    throw error;
  }
  return { odsCode, gpConnect: true, organisations: searchsetOf(body, 'Organization', OrganizationResource).map(toOrganisation) };
}

export async function readOrganisation(services: Services, ctx: RequestContext, odsCode: string, id: string, route?: ProviderRoute): Promise<Organisation> {
  const body = await callFoundations(services, ctx, {
    odsCode,
    interaction: 'readOrganization',
    label: 'read organisation',
    path: `/Organization/${id}`,
    notFound: 'GP_ORGANISATION_NOT_FOUND',
    route,
  });
  return toOrganisation(readAs(body, 'Organization', OrganizationResource));
}

/** R18: the provider's CapabilityStatement, cached for a configured time. */
export async function readCapability(services: Services, ctx: RequestContext, odsCode: string): Promise<Omit<Capability, 'trace'>> {
  return services.caches.capabilityStatements.read({
    key: odsCode,
    trace: ctx.trace,
    recordHit: () => ctx.trace.cacheHit('ssp', 'read metadata'),
    load: async () => {
      const body = await callFoundations(services, ctx, { odsCode, interaction: 'metadata', label: 'read metadata', path: '/metadata' });
      return { ...toCapability(body, odsCode), retrievedAt: new Date().toISOString() };
    },
  });
}

/** R14: practitioners with this SDS user id at the practice's GP system. */
export async function searchPractitioners(services: Services, ctx: RequestContext, sdsUserId: string, odsCode: string): Promise<Practitioner[]> {
  const body = await callFoundations(services, ctx, {
    odsCode,
    interaction: 'searchPractitioner',
    label: 'search practitioner',
    path: `/Practitioner?${identifierQuery(SYSTEMS.sdsUser, sdsUserId)}`,
  });
  return searchsetOf(body, 'Practitioner', PractitionerResource).map(toPractitioner);
}

export async function readPractitioner(services: Services, ctx: RequestContext, odsCode: string, id: string): Promise<Practitioner> {
  const body = await callFoundations(services, ctx, {
    odsCode,
    interaction: 'readPractitioner',
    label: 'read practitioner',
    path: `/Practitioner/${id}`,
    notFound: 'GP_PRACTITIONER_NOT_FOUND',
  });
  return toPractitioner(readAs(body, 'Practitioner', PractitionerResource));
}

export async function readLocation(services: Services, ctx: RequestContext, odsCode: string, id: string) {
  // Unknown locations come back as NO_RECORD_FOUND (GP Connect 1.6: development_fhir_error_handling_guidance).
  const body = await callFoundations(services, ctx, {
    odsCode,
    interaction: 'readLocation',
    label: 'read location',
    path: `/Location/${id}`,
    notFound: 'GP_LOCATION_NOT_FOUND',
  });
  return toLocation(readAs(body, 'Location', LocationResource));
}

const normalise = (s: string | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * R7 (docs/requirements.md R7): family name, given name, gender, birth date and practice from PDS
 * against the practice's record. Case and spacing are not differences; anything else is.
 */
export function crossCheck(
  pds: TracedPatient,
  practice: { name?: { given: string[]; family: string }; gender?: string; birthDate?: string; odsCode?: string },
): DemographicDifference[] {
  const fields: [DemographicDifference['field'], string, string | undefined, string | undefined][] = [
    ['family', 'Family name', pds.name?.family, practice.name?.family],
    ['given', 'Given name', pds.name?.given.join(' '), practice.name?.given.join(' ')],
    ['gender', 'Gender', pds.gender, practice.gender],
    ['birthDate', 'Date of birth', pds.birthDate, practice.birthDate],
    ['practice', 'GP practice (ODS code)', pds.practiceOdsCode, practice.odsCode],
  ];
  return fields
    .filter(([field, , , b]) => field !== 'practice' || b !== undefined)
    .filter(([, , a, b]) => normalise(a) !== normalise(b))
    .map(([field, label, a, b]) => ({ field, label, pds: a ?? 'not recorded', practice: b ?? 'not recorded' }));
}

/**
 * R13: the patient at their registered practice (search by NHS number, then read by id), with the
 * practice's organisation read to confirm which practice answered, and the R7 cross-check.
 */
export async function getGpPatient(services: Services, ctx: RequestContext, nhsNumber: string): Promise<Omit<GpPatient, 'trace'>> {
  return gpPatientFor(services, ctx, await tracePatient(services, ctx, nhsNumber));
}

/**
 * The same for a traced patient, reused for as long as that trace (a re-trace asks again), and
 * shared by concurrent requests: the practice check and the record's identity gate (R7) make one
 * set of calls between them.
 */
export function gpPatientFor(services: Services, ctx: RequestContext, traced: TracedPatient): Promise<Omit<GpPatient, 'trace'>> {
  assertFoundationsAllowed(traced);
  return services.caches.practiceRecords.read({
    // Per user too: the practice's own audit must see each user who asked (R10).
    key: `${traced.nhsNumber}|${traced.practiceOdsCode}|${traced.tracedAt}|${ctx.requester?.user.sdsUserId}`,
    trace: ctx.trace,
    recordHit: () => ctx.trace.cacheHit('ssp', 'search patient'),
    load: () => loadGpPatient(services, ctx, traced),
  });
}

async function loadGpPatient(services: Services, ctx: RequestContext, traced: TracedPatient): Promise<Omit<GpPatient, 'trace'>> {
  const odsCode = traced.practiceOdsCode!;
  const retrievedAt = new Date().toISOString();
  // Each interaction has its own SDS entry (R8); look all three up at once rather than one per hop.
  const [searchRoute, readRoute, organisationRoute] = await Promise.all(
    (['searchPatient', 'readPatient', 'readOrganization'] as const).map((i) => routeFor(services, ctx, odsCode, FOUNDATIONS[i])),
  );
  const found = searchsetOf(
    await callFoundations(services, ctx, {
      odsCode,
      interaction: 'searchPatient',
      label: 'search patient',
      path: `/Patient?${identifierQuery(SYSTEMS.nhsNumber, traced.nhsNumber)}`,
      route: searchRoute,
    }),
    'Patient',
    PatientResource,
  );
  const base = { nhsNumber: traced.nhsNumber, practiceOdsCode: odsCode, retrievedAt };
  if (found.length === 0) return { ...base, result: 'none' };
  // Two records for one NHS number: show neither rather than guess (the practice must resolve it).
  if (found.length > 1) return { ...base, result: 'multiple' };

  const organisationId = idOf(found[0].managingOrganization?.reference, 'Organization');
  const [read, organisation] = await Promise.all([
    callFoundations(services, ctx, { odsCode, interaction: 'readPatient', label: 'read patient', path: `/Patient/${found[0].id}`, route: readRoute }),
    organisationId
      ? readOrganisation(services, ctx, odsCode, organisationId, organisationRoute).catch((error: unknown) => {
          if (error instanceof AppError) return error;
          throw error;
        })
      : Promise.resolve(undefined),
  ]);
  const patient = readAs(read, 'Patient', PatientResource);
  const nhsOnRecord = patient.identifier?.find((i) => i.system === SYSTEMS.nhsNumber)?.value;
  if (nhsOnRecord !== traced.nhsNumber) {
    throw new AppError('UPSTREAM_MALFORMED', { step: 'provider', detail: 'The GP system returned a patient with a different NHS number' });
  }
  const name = officialName(patient);
  const org = organisation instanceof AppError || organisation === undefined ? undefined : organisation;
  const unchecked = org?.odsCode
    ? []
    : [
        {
          field: 'practice',
          reason:
            organisation instanceof AppError
              ? `The practice's organisation record could not be read (${organisation.code === 'GP_ORGANISATION_NOT_FOUND' ? 'not found' : organisation.code})`
              : 'The GP system did not say which organisation manages the record',
        },
      ];
  return {
    ...base,
    result: 'single',
    patient: {
      id: patient.id,
      name,
      gender: patient.gender,
      birthDate: patient.birthDate,
      registration: registrationOf(patient.extension),
      organisation: organisationId ? { id: organisationId, odsCode: org?.odsCode, name: org?.name } : undefined,
    },
    crossCheck: { differences: crossCheck(traced, { name, gender: patient.gender, birthDate: patient.birthDate, odsCode: org?.odsCode }), unchecked },
  };
}

/** The Patient a registration sends: NHS number plus what the user entered (GP Connect 1.6: foundations_use_case_register_a_patient). */
function registrationPatient(nhsNumber: string, r: RegistrationRequest) {
  return {
    resourceType: 'Patient',
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1'] },
    identifier: [{ system: SYSTEMS.nhsNumber, value: nhsNumber }],
    name: [{ use: 'official', family: r.family, given: r.given.split(/\s+/), ...(r.prefix ? { prefix: [r.prefix] } : {}) }],
    gender: r.gender,
    birthDate: r.birthDate,
    ...(r.address ? { address: [{ use: 'home', type: 'physical', line: r.address.lines, city: r.address.city, postalCode: r.address.postalCode }] } : {}),
    ...(r.phone || r.email
      ? { telecom: [...(r.phone ? [{ system: 'phone', value: r.phone, use: 'home' }] : []), ...(r.email ? [{ system: 'email', value: r.email }] : [])] }
      : {}),
  };
}

/** R17: a temporary registration at the given practice. Never retried: it is a write (R12). */
export async function registerPatient(
  services: Services,
  ctx: RequestContext,
  nhsNumber: string,
  request: RegistrationRequest,
): Promise<Omit<RegistrationResult, 'trace'>> {
  const traced = await tracePatient(services, ctx, nhsNumber);
  assertFoundationsAllowed(traced, { needsPractice: false });
  const body = await callFoundations(services, ctx, {
    odsCode: request.odsCode,
    interaction: 'registerPatient',
    label: 'register patient',
    method: 'POST',
    path: '/Patient/$gpc.registerpatient',
    body: { resourceType: 'Parameters', parameter: [{ name: 'registerPatient', resource: registrationPatient(traced.nhsNumber, request) }] },
  });
  const [patient] = searchsetOf(body, 'Patient', PatientResource);
  if (!patient) throw new AppError('UPSTREAM_MALFORMED', { step: 'provider', detail: 'The GP system accepted the registration but returned no Patient' });
  return { nhsNumber: traced.nhsNumber, odsCode: request.odsCode, patientId: patient.id, registration: registrationOf(patient.extension) };
}
