/**
 * The simulated Spine's developer API, served only in mock mode (the Node entry mounts it in its
 * mock branch; the browser demo answers it from its service worker). Never part of the BFF.
 *   GET  /__simulated-spine/control    the dials: latency per service, faults, SSP gateway timeout
 *   PUT  /__simulated-spine/control    replace them
 *   GET  /__simulated-spine/patients   the test-patient catalogue
 */
import type { World } from './world';
import { ControlSchema, FAULTS, type SpineControl } from './control';
import { patientCatalogue } from './catalogue';

export const CONTROL_PATH = '/__simulated-spine';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

export async function handleControlRequest(request: Request, control: SpineControl, world: World): Promise<Response> {
  const path = new URL(request.url).pathname.slice(CONTROL_PATH.length);
  const services = ['pds', 'sds', 'ssp', 'gp', ...world.practices.filter((p) => p.gpConnect).map((p) => `gp:${p.odsCode}`)];
  if (path === '/control' && request.method === 'GET') return json({ ...control.state, services, faultKinds: FAULTS });
  if (path === '/control' && request.method === 'PUT') {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return json({ title: 'The body is not JSON' }, 400);
    }
    const parsed = ControlSchema.safeParse(body);
    if (!parsed.success)
      return json({ title: 'Invalid simulated Spine settings', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
    control.replace(parsed.data);
    return json({ ...control.state, services, faultKinds: FAULTS });
  }
  if (path === '/patients' && request.method === 'GET') return json(patientCatalogue(world));
  return json({ title: 'Not found' }, 404);
}
