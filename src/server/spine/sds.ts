/**
 * SDS FHIR client (SDS FHIR API; R8): for a practice ODS code and the
 * interaction about to be made, the provider's service root URL (/Endpoint `address`) and its
 * ASID (/Device `nhsSpineASID`), looked up in parallel.
 */
import type { Metrics } from '../metrics';
import { z } from 'zod';
import { AppError } from '../problem';
import { outcomeOf, parseJson, spineFetch, type RetryPolicy, type SpineAnswer } from './http';
import type { RequestContext } from '../context';
import { chooseRoute, type ProviderRoute, type SdsDirectory } from './sdsRoute';

export type { ProviderRoute } from './sdsRoute';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const INTERACTION = 'https://fhir.nhs.uk/Id/nhsServiceInteractionId';
const PARTY_KEY = 'https://fhir.nhs.uk/Id/nhsMhsPartyKey';
const ASID = 'https://fhir.nhs.uk/Id/nhsSpineASID';

const identifier = (resource: { identifier?: { system: string; value: string }[] }, system: string) =>
  resource.identifier?.find((i) => i.system === system)?.value;

const IdentifierList = z.array(z.object({ system: z.string(), value: z.string() })).optional();
const BundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ resource: z.object({ resourceType: z.string(), address: z.string().optional(), identifier: IdentifierList }) })).optional(),
});

export interface SdsClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  dispatcher?: unknown;
  retry?: RetryPolicy;
  metrics?: Metrics;
}

/** Parses an SDS answer into its resources, raising SDS_UNAVAILABLE for any error. */
export function sdsResources(answer: SpineAnswer) {
  const body = parseJson(answer, 'sds');
  if (answer.status !== 200) {
    const outcome = outcomeOf(body);
    throw new AppError('SDS_UNAVAILABLE', { step: 'sds', upstreamStatus: answer.status, upstreamCode: outcome.code, detail: outcome.diagnostics });
  }
  const parsed = BundleSchema.safeParse(body);
  if (!parsed.success)
    throw new AppError('UPSTREAM_MALFORMED', { step: 'sds', upstreamStatus: 200, detail: 'SDS answered with something that is not a readable Bundle' });
  return (parsed.data.entry ?? []).map((e) => e.resource);
}

/** The SDS FHIR client, bound to its base URL, API key, timeout and retries once. */
export class SdsClient implements SdsDirectory {
  readonly callNames = ['SDS Endpoint search', 'SDS Device search'] as const;

  constructor(private readonly options: SdsClientOptions) {}

  async lookupRoute(odsCode: string, interactionId: string, ctx: RequestContext): Promise<ProviderRoute> {
    const { options } = this;
    const query = `organization=${encodeURIComponent(`${ODS}|${odsCode}`)}&identifier=${encodeURIComponent(`${INTERACTION}|${interactionId}`)}`;
    const call = (resource: 'Endpoint' | 'Device') =>
      spineFetch({
        service: 'sds',
        interaction: `SDS ${resource} search`,
        url: `${options.baseUrl}/${resource}?${query}`,
        init: { method: 'GET', headers: { Accept: 'application/fhir+json', apikey: options.apiKey, 'X-Correlation-Id': crypto.randomUUID() } },
        timeoutMs: options.timeoutMs,
        trace: ctx.trace,
        unreachable: 'SDS_UNAVAILABLE',
        step: 'sds',
        dispatcher: options.dispatcher,
        retry: options.retry,
        metrics: options.metrics,
      });
    // Endpoint and Device are independent: ask both at once (docs/architecture.md principle 8).
    const [endpointAnswer, deviceAnswer] = await Promise.all([call('Endpoint'), call('Device')]);
    const endpoints = sdsResources(endpointAnswer)
      .filter((r) => r.resourceType === 'Endpoint' && r.address)
      .map((r) => ({ address: r.address!, partyKey: identifier(r, PARTY_KEY) }));
    const devices = sdsResources(deviceAnswer)
      .filter((r) => r.resourceType === 'Device')
      .map((r) => ({ asid: identifier(r, ASID), partyKey: identifier(r, PARTY_KEY) }));
    return chooseRoute(odsCode, interactionId, endpoints, devices);
  }
}
