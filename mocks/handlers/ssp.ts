/**
 * The simulated Spine Security Proxy (GP Connect 1.6: integration_spine_secure_proxy):
 * `{ssp}/{provider service root URL}/{fhir path}`. It checks the target against SDS, the four
 * Ssp-* headers, the sender and receiver ASIDs, then hands the request to the provider and
 * passes its answer through untouched.
 */
import type { World } from '../world';
import type { SimulatedSpine } from '../config';
import type { SpineControl } from '../control';
import { sspOutcome, UUID_PATTERN } from './fhir';
import { controlled } from './faults';
import { interactionsAt } from './interactions';
import { handleDstu2Provider } from './provider-dstu2';
import { handleStu3Provider } from './provider-stu3';

export async function handleSsp(request: Request, world: World, spine: SimulatedSpine, control: SpineControl): Promise<Response> {
  // Everything after the proxy's own origin and '/' is the provider URL, verbatim.
  const target = request.url.slice(spine.sspBaseUrl.length + 1);
  if (!['GET', 'POST', 'PUT'].includes(request.method)) {
    return new Response(
      JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'fatal',
            code: 'forbidden',
            details: {
              coding: [{ system: 'https://fhir.nhs.uk/StructureDefinition/spine-operationoutcome-1', code: '405', display: '405: Method Not Allowed' }],
            },
          },
        ],
      }),
      { status: 405, headers: { 'Content-Type': 'application/json+fhir' } },
    );
  }
  if (!target.startsWith('https://')) return sspOutcome(400, 'invalid', `ENDPOINT_UNKNOWN_VARIES_FROM_TARGETURL_${target}`);

  // Which practice's server, and which of its two (DSTU2 HTML, STU3 Foundations), the target names.
  const isUnder = (root: string) => target === root || target.startsWith(`${root}/`) || target.startsWith(`${root}?`);
  const practice = world.practices.find((p) => p.gpConnect && (isUnder(p.gpConnect.dstu2RootUrl) || isUnder(p.gpConnect.stu3RootUrl)));
  if (!practice?.gpConnect) {
    return sspOutcome(502, 'transient', `ERROR_COMMUNICATING_TO_ENDPOINT_URL_${target.split('?')[0]}`);
  }
  const gpc = practice.gpConnect;
  const rootUrl = isUnder(gpc.stu3RootUrl) ? gpc.stu3RootUrl : gpc.dstu2RootUrl;

  for (const name of ['Ssp-TraceID', 'Ssp-From', 'Ssp-To', 'Ssp-InteractionID', 'Authorization']) {
    if (!request.headers.get(name)) return sspOutcome(400, 'invalid', `MISSING_OR_INVALID_HEADER_${name}`);
  }
  if (!UUID_PATTERN.test(request.headers.get('Ssp-TraceID')!)) return sspOutcome(400, 'invalid', 'MISSING_OR_INVALID_HEADER_Ssp-TraceID');
  const from = request.headers.get('Ssp-From')!;
  const to = request.headers.get('Ssp-To')!;
  const interaction = request.headers.get('Ssp-InteractionID')!;

  if (!spine.consumers.some((c) => c.asid === from)) return sspOutcome(403, 'forbidden', `ASID_CHECK_FAILED_MESSAGESENDER_${from}`);
  if (to !== gpc.asid || !interactionsAt(gpc, rootUrl).includes(interaction)) {
    return sspOutcome(403, 'forbidden', `PARTYKEY_INTERACTION_CHECK_FAILED_MESSAGERECEIVER_${to}`);
  }
  if (request.method !== 'GET') {
    const contentType = request.headers.get('Content-Type') ?? '';
    if (!/^application\/((json|xml)\+fhir|fhir\+(json|xml))/i.test(contentType)) return sspOutcome(415, 'not-supported', 'Unsupported_Media_Type');
  }
  // The practice's own circumstances, as the SSP sees them (GP Connect 1.6: integration_spine_secure_proxy).
  if (gpc.sspBehaviour === 'fot-check-fails') return sspOutcome(403, 'forbidden', `FOT_CHECK_FAILED_MESSAGESENDER_${from}_MESSAGERECEIVER_${to}`);
  const endpoint = target.split('?')[0];
  if (gpc.sspBehaviour === 'down') return sspOutcome(502, 'transient', `ERROR_COMMUNICATING_TO_ENDPOINT_URL_${endpoint}`);

  const path = target.slice(rootUrl.length).split('?')[0] || '/';
  // The SSP gives up on a GP system that does not answer and says so itself (504).
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gatewayTimeout = new Promise<Response>((resolve) => {
    timer = setTimeout(() => resolve(sspOutcome(504, 'timeout', `TIMEOUT_COMMUNICATING_TO_ENDPOINT_URL_${endpoint}`)), control.state.sspGatewayTimeoutMs);
  });
  try {
    if (gpc.sspBehaviour === 'timeout') return await gatewayTimeout;
    const provider = controlled(control, `gp:${practice.odsCode}`, () =>
      rootUrl === gpc.stu3RootUrl ? handleStu3Provider(request, practice, path, world, control) : handleDstu2Provider(request, practice, path, world),
    );
    return await Promise.race([provider, gatewayTimeout]);
  } finally {
    clearTimeout(timer);
  }
}
