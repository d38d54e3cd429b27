/**
 * The contract between SPA and BFF. The BFF answers with these shapes and the SPA parses every
 * response with the same schemas (DESIGN.md principle 4).
 */
import { z } from 'zod';
import { SECTION_CODES } from './sections';

export const TraceEntrySchema = z.object({
  service: z.enum(['pds', 'sds', 'ssp']),
  interaction: z.string(),
  status: z.number().int().nullable(),
  ms: z.number().nonnegative(),
  cache: z.enum(['hit', 'miss']).optional(),
  error: z.string().optional(),
});
export type TraceEntry = z.infer<typeof TraceEntrySchema>;

export const HealthSchema = z.object({ status: z.literal('ok'), mode: z.enum(['mock', 'live']) });
export type Health = z.infer<typeof HealthSchema>;

export const ProblemSchema = z.object({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  step: z.enum(['pds', 'sds', 'ssp', 'provider', 'bff']),
  action: z.string().optional(),
  upstreamStatus: z.number().int().optional(),
  upstreamCode: z.string().optional(),
  traceId: z.string(),
  trace: z.array(TraceEntrySchema).optional(),
  /** Field-level problems on bad input, e.g. { from: 'must be YYYY-MM-DD' }. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const GateSchema = z.object({
  code: z.enum(['RESTRICTED', 'DECEASED', 'NOT_VERIFIED', 'NO_PRACTICE', 'TRACE_TOO_OLD']),
  blocks: z.boolean(),
  message: z.string(),
});
export type Gate = z.infer<typeof GateSchema>;

export const PatientSchema = z.object({
  nhsNumber: z.string(),
  /** Set when PDS answered with a newer number than the one asked for (R3). */
  supersededNhsNumber: z.string().optional(),
  restricted: z.boolean(),
  /** Absent for a restricted patient (R4): only the NHS number is shown. */
  name: z.object({ prefix: z.string().optional(), given: z.array(z.string()), family: z.string() }).optional(),
  birthDate: z.string().optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  deceasedDate: z.string().optional(),
  practice: z.object({ odsCode: z.string(), name: z.string().optional() }).optional(),
  verification: z.object({ code: z.string(), display: z.string(), verified: z.boolean() }).optional(),
  tracedAt: z.string(),
  gates: z.array(GateSchema),
  trace: z.array(TraceEntrySchema),
});
export type Patient = z.infer<typeof PatientSchema>;

export const GpConnectRoutingSchema = z.object({
  nhsNumber: z.string(),
  practiceOdsCode: z.string(),
  available: z.literal(true),
  trace: z.array(TraceEntrySchema),
});
export type GpConnectRouting = z.infer<typeof GpConnectRoutingSchema>;

export const RecordSchema = z.object({
  nhsNumber: z.string(),
  section: z.enum(SECTION_CODES),
  title: z.string(),
  html: z.string(),
  retrievedAt: z.string(),
  dateRange: z.object({ from: z.string().optional(), to: z.string().optional() }).optional(),
  provider: z.object({ odsCode: z.string(), name: z.string().optional() }),
  sanitiser: z.object({ removedElements: z.number().int(), removedAttributes: z.number().int() }),
  /** Warnings the clinician must see above the record, e.g. deceased within 28 days. */
  warnings: z.array(z.string()),
  trace: z.array(TraceEntrySchema),
});
export type CareRecord = z.infer<typeof RecordSchema>;
