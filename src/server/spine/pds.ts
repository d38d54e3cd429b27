/**
 * PDS FHIR client: retrieve a patient by NHS number (PDS FHIR API). Reads the
 * fields a GP Connect consumer needs: identity, restriction (meta.security), deceased date,
 * registered practice (generalPractitioner ODS code) and NHS number verification status.
 */
import type { Metrics } from '../metrics';
import { z } from 'zod';
import { AppError } from '../problem';
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

  async retrievePatient(nhsNumber: string, ctx: RequestContext): Promise<TracedPatient> {
    const { options } = this;
    const { trace } = ctx;
    const headers: Record<string, string> = {
      Accept: 'application/fhir+json',
      // X-Request-ID is mandatory and must be a UUID (PDS FHIR API).
      'X-Request-ID': crypto.randomUUID(),
    };
    if (options.accessToken) headers.Authorization = `Bearer ${options.accessToken}`;
    const answer = await spineFetch({
      service: 'pds',
      interaction: PDS_INTERACTION,
      url: `${options.baseUrl}/Patient/${nhsNumber}`,
      init: { method: 'GET', headers },
      timeoutMs: options.timeoutMs,
      trace,
      unreachable: 'PDS_UNAVAILABLE',
      step: 'pds',
      dispatcher: options.dispatcher,
      retry: options.retry,
      metrics: options.metrics,
    });
    const body = parseJson(answer, 'pds');
    if (answer.status !== 200) {
      const outcome = outcomeOf(body);
      const upstream = { step: 'pds' as const, upstreamStatus: answer.status, upstreamCode: outcome.code };
      if (answer.status === 404 && outcome.code === 'INVALIDATED_RESOURCE') throw new AppError('PDS_PATIENT_INVALIDATED', upstream);
      if (answer.status === 404) throw new AppError('PDS_PATIENT_NOT_FOUND', upstream);
      if (answer.status === 429) throw new AppError('PDS_THROTTLED', { ...upstream, detail: outcome.diagnostics });
      if (answer.status >= 500 || answer.status === 408) throw new AppError('PDS_UNAVAILABLE', { ...upstream, detail: outcome.diagnostics });
      throw new AppError('PDS_REJECTED', { ...upstream, detail: outcome.diagnostics ?? outcome.display });
    }
    const parsed = PdsPatientSchema.safeParse(body);
    if (!parsed.success) {
      throw new AppError('UPSTREAM_MALFORMED', { step: 'pds', upstreamStatus: 200, detail: 'PDS answered with something that is not a readable Patient' });
    }
    const p = parsed.data;
    const security = p.meta?.security?.[0]?.code;
    const nhsIdentifier = p.identifier?.find((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number');
    const verificationCoding = nhsIdentifier?.extension?.find((e) => VERIFICATION_EXTENSION.test(e.url))?.valueCodeableConcept?.coding[0];
    // Prefer the current usual name (PDS FHIR API: name[] has use and period).
    const name = p.name?.find((n) => n.use === 'usual' && !n.period?.end) ?? p.name?.[0];
    const registration = p.generalPractitioner?.[0]?.identifier;
    // A registration period whose end has passed: the practice may no longer hold the record (R37).
    const registrationEnded =
      registration?.period?.end && registration.period.end.slice(0, 10) <= new Date().toISOString().slice(0, 10)
        ? registration.period.end.slice(0, 10)
        : undefined;
    return {
      nhsNumber: p.id,
      restricted: security === 'R' || security === 'V',
      name: name?.family ? { prefix: name.prefix?.[0], given: name.given ?? [], family: name.family } : undefined,
      birthDate: p.birthDate,
      gender: p.gender,
      deceasedDate: p.deceasedDateTime?.slice(0, 10),
      practiceOdsCode: registration?.value,
      registrationEnded,
      verification: verificationCoding ? { code: verificationCoding.code, display: verificationCoding.display ?? verificationCoding.code } : undefined,
      requestedNhsNumber: nhsNumber,
      tracedAt: new Date().toISOString(),
    };
  }
}
