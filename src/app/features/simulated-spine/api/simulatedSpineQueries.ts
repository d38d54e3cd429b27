/** The simulated Spine's developer API (mock mode only): its dials and its test-patient catalogue. */
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';

const Fault = z.enum(['none', 'timeout', 'error-5xx', 'malformed', 'reset', 'slow']);
export type Fault = z.infer<typeof Fault>;

export const ControlSchema = z.object({
  latencyMs: z.record(z.string(), z.number()),
  faults: z.record(z.string(), Fault),
  sspGatewayTimeoutMs: z.number(),
  services: z.array(z.string()),
  faultKinds: z.array(Fault),
});
export type Control = z.infer<typeof ControlSchema>;

const CatalogueSchema = z.array(
  z.object({
    nhsNumber: z.string(),
    name: z.string().optional(),
    practice: z.object({ odsCode: z.string(), name: z.string(), gpConnect: z.boolean() }).optional(),
    scenario: z.string(),
    description: z.string(),
  }),
);

const BASE = '/__simulated-spine';

async function getJson<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  const response = await fetch(`${BASE}${path}`, { headers: { 'Content-Type': 'application/json' }, ...init });
  const body = await response.json().catch(() => ({}));
  if (!response.ok)
    throw new Error(
      `${(body as { title?: string }).title ?? `HTTP ${response.status}`}${(body as { detail?: string }).detail ? `: ${(body as { detail?: string }).detail}` : ''}`,
    );
  return schema.parse(body);
}

export const simulatedSpineKeys = {
  control: ['simulated-spine', 'control'] as const,
  patients: ['simulated-spine', 'patients'] as const,
};

export const controlQuery = queryOptions({
  queryKey: simulatedSpineKeys.control,
  queryFn: ({ signal }) => getJson('/control', ControlSchema, { signal }),
});

export const catalogueQuery = queryOptions({
  queryKey: simulatedSpineKeys.patients,
  queryFn: ({ signal }) => getJson('/patients', CatalogueSchema, { signal }),
  staleTime: Infinity,
});

export function saveControl(next: Pick<Control, 'latencyMs' | 'faults' | 'sspGatewayTimeoutMs'>) {
  return getJson('/control', ControlSchema, { method: 'PUT', body: JSON.stringify(next) });
}
