/**
 * Choosing the provider's route from what SDS holds, whichever way SDS was read (FHIR or LDAP).
 * GP Connect 1.6: integration_spine_directory_service: the MHS lookup (ODS code and interaction)
 * gives the endpoint and its party key; the AS lookup (ODS code and party key) gives the ASID.
 */
import { AppError } from '../problem';
import type { RequestContext } from '../context';

export interface ProviderRoute {
  odsCode: string;
  /** The service root URL exactly as SDS holds it (GP Connect 1.6: integration_spine_secure_proxy). */
  rootUrl: string;
  asid: string;
  partyKey?: string;
}

/** An MHS record (FHIR Endpoint): its address values and party key. */
export interface SdsEndpoint {
  address: string;
  partyKey?: string;
}

/** An AS record (FHIR Device): its ASID and party key. */
export interface SdsDevice {
  asid?: string;
  partyKey?: string;
}

/** Where one SDS lookup is answered, FHIR or LDAP: both give the same route for the same directory. */
export interface SdsDirectory {
  /** The trace's names for the calls one lookup makes, so a cache hit is shown under the same names. */
  readonly callNames: readonly string[];
  lookupRoute(odsCode: string, interactionId: string, ctx: RequestContext): Promise<ProviderRoute>;
}

/**
 * The route, or an error, never a guess: no endpoint is "not GP Connect" (R11); several different
 * addresses, or several AS records none or more than one of which carries the endpoint's party
 * key, is SDS_AMBIGUOUS (R34: during a supplier move SDS holds the old and the new system).
 */
export function chooseRoute(odsCode: string, interactionId: string, endpoints: SdsEndpoint[], devices: SdsDevice[]): ProviderRoute {
  if (endpoints.length === 0 || devices.length === 0) {
    throw new AppError('PRACTICE_NOT_GP_CONNECT', { step: 'sds', detail: `SDS has no GP Connect endpoint for practice ${odsCode}` });
  }
  const addresses = [...new Set(endpoints.map((e) => e.address))];
  const partyKeys = [...new Set(endpoints.map((e) => e.partyKey))];
  if (addresses.length > 1 || partyKeys.length > 1) {
    throw new AppError('SDS_AMBIGUOUS', {
      step: 'sds',
      detail: `SDS holds ${addresses.length} endpoint addresses and ${partyKeys.length} party keys for practice ${odsCode} and ${interactionId}`,
    });
  }
  const partyKey = partyKeys[0];
  const matching = partyKey ? devices.filter((d) => d.partyKey === partyKey) : [];
  // One AS record and nothing to compare it with: it is the only candidate.
  const device = matching.length === 1 ? matching[0] : devices.length === 1 && (!partyKey || !devices[0].partyKey) ? devices[0] : undefined;
  if (!device) {
    throw new AppError('SDS_AMBIGUOUS', {
      step: 'sds',
      detail: `SDS holds ${devices.length} AS records for practice ${odsCode}, ${matching.length} with the endpoint's party key ${partyKey ?? '(none)'}`,
    });
  }
  if (!device.asid) throw new AppError('UPSTREAM_MALFORMED', { step: 'sds', detail: 'SDS Device record has no ASID' });
  return { odsCode, rootUrl: addresses[0], asid: device.asid, partyKey };
}
