/**
 * One GP Connect call, whatever its version: the audit JWT built per request from the requester
 * (DSTU2 for Access Record HTML, STU3 for Foundations; R10), the requesting organisation's ASID as
 * Ssp-From (R9), and the version's media type, sent through the SSP to the route SDS gave (R8).
 */
import { spineRequester } from '../auth/user';
import type { RequestContext } from '../context';
import { buildDstu2Jwt, buildStu3Jwt, type RequestedRecord, type Stu3Scope } from './jwt';
import type { ProviderRoute } from './sds';
import type { SspClient, SspRequest } from './ssp';

/** Access Record HTML's one interaction (GP Connect 1.6: integration_interaction_ids). */
export const GETCARERECORD_INTERACTION = 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord';

/** Access Record Structured (GP Connect 1.6: integration_interaction_ids). */
export const GETSTRUCTUREDRECORD_INTERACTION = 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1';

/** Media types (GP Connect 0.7 and 1.x: "Content types"). */
export const DSTU2_JSON = 'application/json+fhir';
export const STU3_JSON = 'application/fhir+json';

export type GpConnectVersion =
  /** Access Record HTML (0.7.x): the JWT names the record asked for; aud is fixed. */
  | { fhir: 'DSTU2'; requestedRecord: RequestedRecord; scope: 'patient/*.read' | 'organization/*.read' }
  /** Foundations (1.x): aud is the provider's service root URL. */
  | { fhir: 'STU3'; scope: Stu3Scope };

export type GpConnectCall = Omit<SspRequest, 'from' | 'jwt' | 'contentType'> & { version: GpConnectVersion; route: ProviderRoute };

export class GpConnectClient {
  constructor(
    private readonly ssp: SspClient,
    /** The consumer system's URL: the JWT's iss. */
    private readonly iss: string,
  ) {}

  call({ version, ...request }: GpConnectCall, ctx: RequestContext): Promise<unknown> {
    const { user, organisation, asid } = spineRequester(ctx.requester);
    const jwt =
      version.fhir === 'DSTU2'
        ? buildDstu2Jwt({ iss: this.iss, user, organisation, requestedRecord: version.requestedRecord, scope: version.scope })
        : buildStu3Jwt({ iss: this.iss, user, organisation, aud: request.route.rootUrl, scope: version.scope });
    return this.ssp.send({ ...request, from: asid, jwt, contentType: version.fhir === 'DSTU2' ? DSTU2_JSON : STU3_JSON }, ctx);
  }
}
