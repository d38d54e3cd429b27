/**
 * What one request carries into the flows and the Spine clients: the calls it has made so far
 * (its trace) and who it is made for (the signed-in user and their organisation, R9, R10).
 * Passed explicitly; never stored on the long-lived services.
 */
import type { Requester } from './auth/user';
import type { CallTrace } from './spine/trace';

export interface RequestContext {
  trace: CallTrace;
  /** Set by the route's guard once the user is known; absent on public routes. */
  requester?: Requester;
}
