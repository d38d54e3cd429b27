/**
 * What the BFF counts for its operators (Prometheus in the Node entry, ./prometheus.ts; nothing in
 * tests and the demo). Labels are route templates, services, statuses and cache names: never an NHS
 * number, a name or an id.
 */
export interface Metrics {
  /** One answered /api request: its route template (`/api/patients/:nhsNumber`), method and status. */
  request(route: string, method: string, status: number, seconds: number): void;
  /** One attempt at a Spine call; `attempt` > 1 is a retry. `status` null: no answer (timeout, refused). */
  spineCall(service: string, status: number | null, seconds: number, attempt: number): void;
  cacheLookup(cache: string, result: 'hit' | 'miss'): void;
  auditWrite(ok: boolean, seconds: number): void;
}

export const NO_METRICS: Metrics = {
  request: () => undefined,
  spineCall: () => undefined,
  cacheLookup: () => undefined,
  auditWrite: () => undefined,
};
