/**
 * The simulated Spine's dials: a latency model per service and per practice's GP system, and
 * fault injection per service, changeable at run time (developer panel, configuration). Zero
 * latency and no faults unless asked for, so tests are fast and deterministic.
 */
import { z } from 'zod';

export const FAULTS = ['none', 'timeout', 'error-5xx', 'malformed', 'reset', 'slow'] as const;
export type Fault = (typeof FAULTS)[number];

/** Services the dials apply to: the three Spine services, and "gp" (every practice's GP system) or "gp:ODS" (one). */
const ServiceKey = z.string().regex(/^(pds|sds|ssp|gp|gp:[A-Z0-9]{1,9})$/);
const SERVICE_KEY_MESSAGE = { error: 'services must be pds, sds, ssp, gp or gp:ODSCODE' };

export const ControlSchema = z.object({
  latencyMs: z.record(ServiceKey, z.number().int().min(0).max(120_000), SERVICE_KEY_MESSAGE),
  faults: z.record(ServiceKey, z.enum(FAULTS), SERVICE_KEY_MESSAGE),
  /** How long the SSP waits for a GP system before answering 504 itself. */
  sspGatewayTimeoutMs: z.number().int().min(1).max(300_000),
});
export type SpineControlState = z.infer<typeof ControlSchema>;

/** Realistic defaults for `npm start` (issue: PDS 120 ms, SDS 60 ms, GP system 400 ms). */
export const REALISTIC_LATENCY: Record<string, number> = { pds: 120, sds: 60, ssp: 15, gp: 400 };
/** "slow" multiplies the latency by this, with at least this many extra milliseconds. */
const SLOW_FACTOR = 10;
const SLOW_MIN_EXTRA_MS = 3000;

/** A temporary registration made through register patient (GP Connect 1.6: foundations_use_case_register_a_patient). */
export interface TemporaryRegistration {
  id: string;
  nhsNumber: string;
  odsCode: string;
  start: string;
  end: string;
}

export class SpineControl {
  state: SpineControlState;
  /** Registrations made at run time, by `${odsCode}|${nhsNumber}`; cleared by reset(). */
  readonly registrations = new Map<string, TemporaryRegistration>();

  constructor(private readonly initial: Partial<SpineControlState> = {}) {
    this.state = { latencyMs: {}, faults: {}, sspGatewayTimeoutMs: 10_000, ...initial };
  }

  /** Back to the settings it started with. */
  reset(): void {
    this.registrations.clear();
    this.state = { latencyMs: {}, faults: {}, sspGatewayTimeoutMs: 10_000, ...this.initial };
  }

  /** Latency of a service, or of a practice's GP system (its own value, else the "gp" default). */
  latency(key: string): number {
    const base = this.state.latencyMs[key] ?? (key.startsWith('gp:') ? (this.state.latencyMs.gp ?? 0) : 0);
    return this.fault(key) === 'slow' ? Math.max(base * SLOW_FACTOR, base + SLOW_MIN_EXTRA_MS) : base;
  }

  fault(key: string): Fault {
    return this.state.faults[key] ?? (key.startsWith('gp:') ? (this.state.faults.gp ?? 'none') : 'none');
  }

  replace(next: SpineControlState): void {
    this.state = next;
  }
}

function parsePairs(value: string | undefined, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value) return out;
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, v] = pair.split('=');
    if (!key || v === undefined) throw new Error(`${name}: "${pair}" is not key=value`);
    out[key.trim()] = v.trim();
  }
  return out;
}

/**
 * Reads the dials from configuration: MOCK_LATENCY ("realistic" (default), "none", or
 * "pds=120,sds=60,gp=400,gp:A20047=900"), MOCK_FAULTS ("ssp=reset,gp:B82617=timeout"),
 * MOCK_SSP_GATEWAY_TIMEOUT_MS. Throws naming a wrong value.
 */
export function controlFromEnv(env: Record<string, string | undefined>): SpineControl {
  const latencySetting = env.MOCK_LATENCY ?? 'realistic';
  const latencyMs: Record<string, number> =
    latencySetting === 'realistic'
      ? { ...REALISTIC_LATENCY }
      : latencySetting === 'none'
        ? {}
        : Object.fromEntries(Object.entries(parsePairs(latencySetting, 'MOCK_LATENCY')).map(([k, v]) => [k, Number(v)]));
  const state = ControlSchema.safeParse({
    latencyMs,
    faults: parsePairs(env.MOCK_FAULTS, 'MOCK_FAULTS'),
    sspGatewayTimeoutMs: env.MOCK_SSP_GATEWAY_TIMEOUT_MS ? Number(env.MOCK_SSP_GATEWAY_TIMEOUT_MS) : 10_000,
  });
  if (!state.success) {
    throw new Error(`Invalid simulated Spine settings: ${state.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return new SpineControl(state.data);
}
