/**
 * Simulated SDS FHIR `/Endpoint` and `/Device` (SDS FHIR API): apikey required,
 * only the documented parameters with exact `system|value` prefixes, empty bundle for no match.
 */
import type { World, WorldPractice } from '../world';
import { fhirResponse, sdsOutcome, UUID_PATTERN } from './fhir';
import { DSTU2_INTERACTIONS, interactionsOffered, rootUrlFor } from './interactions';

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const INTERACTION_SYSTEM = 'https://fhir.nhs.uk/Id/nhsServiceInteractionId';
const PARTY_KEY_SYSTEM = 'https://fhir.nhs.uk/Id/nhsMhsPartyKey';

interface Query {
  ods?: string;
  interaction?: string;
  partyKey?: string;
  manufacturer?: string;
}

type Parsed = { ok: true; query: Query } | { ok: false; response: Response };

function badRequestResponse(reason: string): Response {
  return sdsOutcome(400, 'required', 'BAD_REQUEST', 'Bad request', `HTTP 400: Bad Request (${reason})`);
}

function badRequest(reason: string): Parsed {
  return { ok: false, response: badRequestResponse(reason) };
}

function parseQuery(url: URL, allowed: string[]): Parsed {
  const query: Query = {};
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) return badRequest(`Illegal query parameter '${name}'`);
    const bar = value.indexOf('|');
    const system = bar >= 0 ? value.slice(0, bar) : '';
    const code = bar >= 0 ? value.slice(bar + 1) : '';
    if (name === 'organization') {
      if (system !== ODS_SYSTEM || !code || query.ods) {
        return badRequest(`Missing or invalid 'organization' query parameter. Should be 'organization=${ODS_SYSTEM}|value'`);
      }
      query.ods = code;
    } else if (name === 'manufacturing-organization') {
      if (system !== ODS_SYSTEM || !code) return badRequest(`Invalid 'manufacturing-organization' query parameter`);
      query.manufacturer = code;
    } else if (system === INTERACTION_SYSTEM && code && !query.interaction) {
      query.interaction = code;
    } else if (system === PARTY_KEY_SYSTEM && code && !query.partyKey) {
      query.partyKey = code;
    } else {
      return badRequest(`Invalid 'identifier' query parameter. Should be 'identifier=${INTERACTION_SYSTEM}|value' or 'identifier=${PARTY_KEY_SYSTEM}|value'`);
    }
  }
  return { ok: true, query };
}

function checkHeaders(request: Request): Response | undefined {
  if (!request.headers.get('apikey')) {
    return sdsOutcome(401, 'forbidden', 'ACCESS_DENIED', 'Access Denied - Unauthorised', 'Invalid API key');
  }
  const correlation = request.headers.get('X-Correlation-Id');
  if (correlation !== null && !UUID_PATTERN.test(correlation)) {
    return sdsOutcome(
      400,
      'value',
      'BAD_REQUEST',
      'Bad request',
      'HTTP 400: Bad Request (Invalid X-Correlation-Id header. Should be an UUIDv4 matching "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" pattern)',
    );
  }
  const accept = request.headers.get('Accept');
  if (accept && !/application\/fhir\+json|application\/json|\*\/\*/.test(accept)) {
    return sdsOutcome(406, 'not-supported', 'MISSING_OR_INVALID_HEADER', 'There is a required header missing or invalid', 'Accept type not supported');
  }
  return undefined;
}

function matches(practice: WorldPractice, q: Query): boolean {
  const gpc = practice.gpConnect;
  if (!gpc) return false;
  if (q.ods && q.ods !== practice.odsCode) return false;
  if (q.interaction && !interactionsOffered(gpc).includes(q.interaction)) return false;
  if (q.partyKey && q.partyKey !== gpc.partyKey) return false;
  return true;
}

function bundle(url: URL, base: string, type: string, resources: Record<string, unknown>[]) {
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID().toUpperCase(),
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: decodeURIComponent(url.toString()) }],
    entry: resources.map((resource) => ({ fullUrl: `${base}/${type}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}

const interactionExtension = (interaction: string) => ({
  url: 'https://fhir.nhs.uk/StructureDefinition/Extension-SDS-NhsServiceInteractionId',
  valueReference: { identifier: { system: INTERACTION_SYSTEM, value: interaction } },
});

/** The AS records SDS holds for a GP Connect practice; SDS's order means nothing, and the old system's come first here. */
export function asRecordsOf(practice: WorldPractice): { asid: string; partyKey: string }[] {
  const gpc = practice.gpConnect;
  if (!gpc) return [];
  return [...(gpc.otherAsRecords ?? []), { asid: gpc.asid, partyKey: gpc.partyKey }];
}

export function handleSdsEndpoint(request: Request, world: World, sdsBaseUrl: string): Response {
  const bad = checkHeaders(request);
  if (bad) return bad;
  const url = new URL(request.url);
  const parsed = parseQuery(url, ['organization', 'identifier']);
  if (!parsed.ok) return parsed.response;
  const q = parsed.query;
  const combos = (q.ods && q.interaction) || (q.ods && q.partyKey) || (q.interaction && q.partyKey);
  if (!combos)
    return badRequestResponse("Missing or invalid 'organization' query parameter. Should be 'organization=https://fhir.nhs.uk/Id/ods-organization-code|value'");
  const resources = world.practices
    .filter((p) => matches(p, q))
    .map((p) => {
      const gpc = p.gpConnect!;
      const address = rootUrlFor(gpc, q.interaction ?? DSTU2_INTERACTIONS[0]);
      return {
        resourceType: 'Endpoint',
        id: crypto.randomUUID().toUpperCase(),
        status: 'active',
        connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'hl7-fhir-msg', display: 'HL7 FHIR Messaging' },
        payloadType: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/endpoint-payload-type', code: 'any', display: 'Any' }] }],
        address,
        managingOrganization: { identifier: { system: ODS_SYSTEM, value: p.odsCode } },
        identifier: [
          { system: 'https://fhir.nhs.uk/Id/nhsMhsFQDN', value: new URL(address).host },
          { system: PARTY_KEY_SYSTEM, value: gpc.partyKey },
          { system: 'https://fhir.nhs.uk/Id/nhsMhsCPAId', value: gpc.cpaId },
          { system: 'https://fhir.nhs.uk/Id/nhsMHSId', value: gpc.mhsId },
        ],
        extension: [interactionExtension(q.interaction ?? DSTU2_INTERACTIONS[0])],
      };
    });
  return fhirResponse(bundle(url, sdsBaseUrl, 'Endpoint', resources), 200, 'application/fhir+json', {
    'X-Correlation-ID': request.headers.get('X-Correlation-Id') ?? crypto.randomUUID(),
  });
}

export function handleSdsDevice(request: Request, world: World, sdsBaseUrl: string): Response {
  const bad = checkHeaders(request);
  if (bad) return bad;
  const url = new URL(request.url);
  const parsed = parseQuery(url, ['organization', 'identifier', 'manufacturing-organization']);
  if (!parsed.ok) return parsed.response;
  const q = parsed.query;
  if (!q.ods)
    return badRequestResponse("Missing or invalid 'organization' query parameter. Should be 'organization=https://fhir.nhs.uk/Id/ods-organization-code|value'");
  if (!q.interaction) return badRequestResponse(`Missing or invalid 'identifier' query parameter. Should be 'identifier=${INTERACTION_SYSTEM}|value'`);
  // Every AS record the practice has: the current system's and any others still held (R34).
  const resources = world.practices
    .filter((p) => matches(p, { ...q, partyKey: undefined }))
    .flatMap((p) => asRecordsOf(p).map((record) => ({ practice: p, record })))
    .filter(({ record }) => !q.partyKey || record.partyKey === q.partyKey)
    .map(({ practice, record }) => ({
      resourceType: 'Device',
      id: crypto.randomUUID().toUpperCase(),
      identifier: [
        { system: 'https://fhir.nhs.uk/Id/nhsSpineASID', value: record.asid },
        { system: PARTY_KEY_SYSTEM, value: record.partyKey },
      ],
      extension: [
        {
          url: 'https://fhir.nhs.uk/StructureDefinition/Extension-SDS-ManufacturingOrganisation',
          valueReference: { identifier: { system: ODS_SYSTEM, value: 'YGJ' } },
        },
        ...interactionsOffered(practice.gpConnect!).map(interactionExtension),
      ],
      owner: { identifier: { system: ODS_SYSTEM, value: practice.odsCode } },
    }));
  return fhirResponse(bundle(url, sdsBaseUrl, 'Device', resources), 200, 'application/fhir+json', {
    'X-Correlation-ID': request.headers.get('X-Correlation-Id') ?? crypto.randomUUID(),
  });
}
