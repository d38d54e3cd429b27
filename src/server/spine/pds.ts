/**
 * PDS FHIR client: retrieve a patient by NHS number (PDS FHIR API). Reads the
 * fields a GP Connect consumer needs: identity, restriction (meta.security), deceased date,
 * registered practice (generalPractitioner ODS code) and NHS number verification status.
 */
import type { Metrics } from '../metrics';
import { z } from 'zod';
import { AppError } from '../problem';
import { todayInUk } from '../../shared/dates';
import { outcomeOf, parseJson, spineFetch, type RetryPolicy } from './http';
import type { RequestContext } from '../context';

export interface PdsPatient {
  nhsNumber: string;
  /** R4 (docs/requirements.md): R or V is restricted. */
  restricted: boolean;
  name?: { prefix?: string; given: string[]; family: string };
  birthDate?: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
  deceasedDate?: string;
  practiceOdsCode?: string;
  /** The date the registration with that practice ended, when PDS gives one in the past (R37). */
  registrationEnded?: string;
  verification?: { code: string; display: string };
}

const PdsPatientSchema = z.object({
  resourceType: z.literal('Patient'),
  id: z.string().regex(/^\d{10}$/),
  meta: z.object({ security: z.array(z.object({ code: z.string() })).optional() }).optional(),
  identifier: z
    .array(
      z.object({
        system: z.string().optional(),
        value: z.string().optional(),
        extension: z
          .array(
            z.object({
              url: z.string(),
              valueCodeableConcept: z.object({ coding: z.array(z.object({ code: z.string(), display: z.string().optional() })) }).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  name: z
    .array(
      z.object({
        use: z.string().optional(),
        given: z.array(z.string()).optional(),
        family: z.string().optional(),
        prefix: z.array(z.string()).optional(),
        period: z.object({ end: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  birthDate: z.string().optional(),
  deceasedDateTime: z.string().optional(),
  address: z
    .array(
      z.object({
        use: z.string().optional(),
        line: z.array(z.string()).optional(),
        city: z.string().optional(),
        postalCode: z.string().optional(),
        period: z.object({ end: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  generalPractitioner: z
    .array(
      z.object({
        identifier: z
          .object({
            system: z.string().optional(),
            value: z.string(),
            period: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});

/** A patient as traced: what PDS answered, the number that was asked for, and when (R2, R3). */
export interface TracedPatient extends PdsPatient {
  /** The number asked for; differs from nhsNumber when PDS answered with a newer record (R3). */
  requestedNhsNumber: string;
  tracedAt: string;
}

const VERIFICATION_EXTENSION = /NHSNumberVerificationStatus/;

export const PDS_INTERACTION = 'PDS FHIR read patient';
export const PDS_SEARCH_INTERACTION = 'PDS FHIR search patients';

const SearchBundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ search: z.object({ score: z.number() }).optional(), resource: PdsPatientSchema })).optional(),
});

/** What the viewer asks PDS when finding a patient by their details (R32). */
export interface PdsSearchCriteria {
  family: string;
  given?: string;
  birthDate: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
  postcode?: string;
  fuzzy?: boolean;
  maxResults: number;
}

/** A match: the patient as PDS gives them in a search (no verification status), with its score and home address. */
export interface PdsMatch extends Omit<PdsPatient, 'verification' | 'registrationEnded'> {
  score: number;
  address?: { line: string[]; city?: string; postalCode?: string };
}

export type PdsSearchAnswer = { kind: 'matches'; matches: PdsMatch[] } | { kind: 'too-many' };

type ParsedPatient = z.infer<typeof PdsPatientSchema>;

/** The fields both a read and a search give. */
function patientFields(p: ParsedPatient) {
  const security = p.meta?.security?.[0]?.code;
  // Prefer the current usual name (PDS FHIR API: name[] has use and period).
  const name = p.name?.find((n) => n.use === 'usual' && !n.period?.end) ?? p.name?.[0];
  return {
    nhsNumber: p.id,
    restricted: security === 'R' || security === 'V',
    name: name?.family ? { prefix: name.prefix?.[0], given: name.given ?? [], family: name.family } : undefined,
    birthDate: p.birthDate,
    gender: p.gender,
    deceasedDate: p.deceasedDateTime?.slice(0, 10),
  };
}

/** The AppError for a PDS answer other than 200. */
function pdsError(status: number, body: unknown): AppError {
  const outcome = outcomeOf(body);
  const upstream = { step: 'pds' as const, upstreamStatus: status, upstreamCode: outcome.code };
  if (status === 404 && outcome.code === 'INVALIDATED_RESOURCE') return new AppError('PDS_PATIENT_INVALIDATED', upstream);
  if (status === 404) return new AppError('PDS_PATIENT_NOT_FOUND', upstream);
  if (status === 429) return new AppError('PDS_THROTTLED', { ...upstream, detail: outcome.diagnostics });
  if (status >= 500 || status === 408) return new AppError('PDS_UNAVAILABLE', { ...upstream, detail: outcome.diagnostics });
  return new AppError('PDS_REJECTED', { ...upstream, detail: outcome.diagnostics ?? outcome.display });
}

export interface PdsClientOptions {
  baseUrl: string;
  timeoutMs: number;
  accessToken?: string;
  dispatcher?: unknown;
  retry?: RetryPolicy;
  metrics?: Metrics;
}

/** The PDS client, bound to its base URL, token, timeout and retries once. */
export class PdsClient {
  constructor(private readonly options: PdsClientOptions) {}

  /** One GET to PDS, retried as a read; its JSON body, or the AppError of any answer but 200. */
  private async get(interaction: string, path: string, ctx: RequestContext): Promise<unknown> {
    const { options } = this;
    const headers: Record<string, string> = {
      Accept: 'application/fhir+json',
      // X-Request-ID is mandatory and must be a UUID (PDS FHIR API); a retry repeats it (R35).
      'X-Request-ID': crypto.randomUUID(),
    };
    if (options.accessToken) headers.Authorization = `Bearer ${options.accessToken}`;
    const answer = await spineFetch({
      service: 'pds',
      interaction,
      url: `${options.baseUrl}${path}`,
      init: { method: 'GET', headers },
      timeoutMs: options.timeoutMs,
      trace: ctx.trace,
      unreachable: 'PDS_UNAVAILABLE',
      step: 'pds',
      dispatcher: options.dispatcher,
      retry: options.retry,
      metrics: options.metrics,
    });
    const body = parseJson(answer, 'pds');
    if (answer.status !== 200) throw pdsError(answer.status, body);
    return body;
  }

  /**
   * Finds patients by their details (PDS FHIR API: search patient; R32). More matches than
   * maxResults is PDS's TOO_MANY_MATCHES, a 200 OperationOutcome: nobody is shown then.
   */
  async searchPatients(criteria: PdsSearchCriteria, ctx: RequestContext): Promise<PdsSearchAnswer> {
    const query = new URLSearchParams();
    query.set('family', criteria.family);
    if (criteria.given) query.set('given', criteria.given);
    if (criteria.gender) query.set('gender', criteria.gender);
    query.set('birthdate', `eq${criteria.birthDate}`);
    if (criteria.postcode) query.set('address-postalcode', criteria.postcode);
    if (criteria.fuzzy) query.set('_fuzzy-match', 'true');
    query.set('_max-results', String(criteria.maxResults));
    const body = await this.get(PDS_SEARCH_INTERACTION, `/Patient?${query}`, ctx).catch((error: unknown) => {
      // PDS refusing the criteria is the user's to change, never "PDS failed, try again".
      if (error instanceof AppError && error.code === 'PDS_REJECTED' && error.details.upstreamStatus === 400)
        throw new AppError('PDS_SEARCH_REFUSED', error.details);
      throw error;
    });
    if (outcomeOf(body).code === 'TOO_MANY_MATCHES') return { kind: 'too-many' };
    const parsed = SearchBundleSchema.safeParse(body);
    if (!parsed.success) {
      throw new AppError('UPSTREAM_MALFORMED', {
        step: 'pds',
        upstreamStatus: 200,
        detail: 'PDS answered a search with something that is not a readable Bundle',
      });
    }
    const matches = (parsed.data.entry ?? []).map(({ search, resource }): PdsMatch => {
      const fields = patientFields(resource);
      // A restricted patient's address and practice are not kept, even if PDS were to send them (R4).
      const home = fields.restricted ? undefined : (resource.address?.find((a) => a.use === 'home' && !a.period?.end) ?? resource.address?.[0]);
      return {
        ...fields,
        score: search?.score ?? 0,
        address: home ? { line: home.line ?? [], city: home.city, postalCode: home.postalCode } : undefined,
        practiceOdsCode: fields.restricted ? undefined : resource.generalPractitioner?.[0]?.identifier?.value,
      };
    });
    // Highest score first, as PDS asks results to be shown (PDS FHIR API: search patient).
    return { kind: 'matches', matches: matches.sort((a, b) => b.score - a.score) };
  }

  async retrievePatient(nhsNumber: string, ctx: RequestContext): Promise<TracedPatient> {
    const body = await this.get(PDS_INTERACTION, `/Patient/${nhsNumber}`, ctx);
    const parsed = PdsPatientSchema.safeParse(body);
    if (!parsed.success) {
      throw new AppError('UPSTREAM_MALFORMED', { step: 'pds', upstreamStatus: 200, detail: 'PDS answered with something that is not a readable Patient' });
    }
    const p = parsed.data;
    const nhsIdentifier = p.identifier?.find((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number');
    const verificationCoding = nhsIdentifier?.extension?.find((e) => VERIFICATION_EXTENSION.test(e.url))?.valueCodeableConcept?.coding[0];
    const registration = p.generalPractitioner?.[0]?.identifier;
    // A registration period whose end has passed: the practice may no longer hold the record (R37).
    const registrationEnded =
      registration?.period?.end && registration.period.end.slice(0, 10) <= todayInUk() ? registration.period.end.slice(0, 10) : undefined;
    return {
      ...patientFields(p),
      practiceOdsCode: registration?.value,
      registrationEnded,
      verification: verificationCoding ? { code: verificationCoding.code, display: verificationCoding.display ?? verificationCoding.code } : undefined,
      requestedNhsNumber: nhsNumber,
      tracedAt: new Date().toISOString(),
    };
  }
}
