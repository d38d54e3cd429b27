/**
 * The structured record as the SPA sees it: clinical data per area, never FHIR (GP Connect 1.6.2:
 * Access Record Structured, mapped by the BFF). Each area says what the provider said of it (its
 * List warnings and note, an empty reason, disabled at the practice) so that nothing missing can
 * look like a negative finding (docs/requirements.md R28).
 */
import { z } from 'zod';

export const STRUCTURED_AREA_CODES = ['allergies', 'medications', 'problems'] as const;
export type StructuredAreaCode = (typeof STRUCTURED_AREA_CODES)[number];

const date = z.string().describe('YYYY-MM-DD, or a partial date as the provider sent it');

export const ListWarningSchema = z.object({
  /** confidential-items, data-in-transit, data-awaiting-filing, or a code this viewer does not know (shown as sent). */
  code: z.string(),
});

/** What the provider said about one area beside its items. */
export const AreaStatusSchema = z.object({
  /** answered: a List came back; disabled / not-supported: an in-bundle warning said so; missing: neither. */
  state: z.enum(['answered', 'disabled', 'not-supported', 'missing']),
  warnings: z.array(ListWarningSchema),
  /** List.note: the warnings' texts, or "Information not available" for an empty List. */
  notes: z.array(z.string()),
  /** An empty List's reason (e.g. "No Content Recorded"): never a negative finding. */
  emptyReason: z.string().optional(),
  /** The provider's own in-bundle warning text for this area (disabled, not supported). */
  providerWarning: z.string().optional(),
});
export type AreaStatus = z.infer<typeof AreaStatusSchema>;

export const CodedSchema = z.object({
  /** The term to show: CodeableConcept.text, else the first coding's display. */
  text: z.string(),
  codings: z.array(z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() })),
  /** A transfer-degraded code (GP2GP could not code the original): shown as degraded. */
  degraded: z.boolean(),
});
export type Coded = z.infer<typeof CodedSchema>;

export const AllergySchema = z.object({
  id: z.string(),
  term: CodedSchema,
  category: z.string().optional(),
  status: z.enum(['active', 'ended']),
  onset: date.optional(),
  asserted: date.optional(),
  ended: z.object({ date: date.optional(), reason: z.string().optional() }).optional(),
  reactions: z.array(z.object({ manifestation: z.string(), severity: z.string().optional() })),
  notes: z.array(z.string()),
});
export type Allergy = z.infer<typeof AllergySchema>;

export const MedicationIssueSchema = z.object({ id: z.string(), date: date.optional(), quantity: z.string().optional(), days: z.number().optional() });

export const MedicationSchema = z.object({
  id: z.string(),
  name: CodedSchema,
  /** acute, repeat, repeat-dispensing, delayed-prescribing; absent when the provider did not say ("No information available"). */
  type: z.string().optional(),
  status: z.string(),
  dosage: z.string(),
  /** The dosage text carried "WARNING – Dosage has changed during the effective period". */
  dosageChanged: z.boolean(),
  quantity: z.string().optional(),
  started: date.optional(),
  ended: date.optional(),
  lastIssued: date.optional(),
  issuesMade: z.number().optional(),
  issuesAllowed: z.number().optional(),
  reviewDate: date.optional(),
  prescribingAgency: z.string().optional(),
  stopReason: z.string().optional(),
  stoppedOn: date.optional(),
  notes: z.array(z.string()),
  issues: z.array(MedicationIssueSchema),
});
export type Medication = z.infer<typeof MedicationSchema>;

export const ProblemLinkSchema = z.object({ kind: z.enum(['medication', 'consultation', 'other']), id: z.string(), label: z.string(), date: date.optional() });

export const ProblemSchema = z.object({
  id: z.string(),
  term: CodedSchema,
  status: z.enum(['active', 'inactive']),
  significance: z.enum(['major', 'minor']).optional(),
  onset: date.optional(),
  ended: date.optional(),
  asserted: date.optional(),
  notes: z.array(z.string()),
  links: z.array(ProblemLinkSchema),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const StructuredDataSchema = z.object({
  areas: z.object({
    allergies: z.object({ status: AreaStatusSchema, ended: AreaStatusSchema.optional(), items: z.array(AllergySchema) }).optional(),
    medications: z.object({ status: AreaStatusSchema, items: z.array(MedicationSchema) }).optional(),
    problems: z.object({ status: AreaStatusSchema, items: z.array(ProblemSchema) }).optional(),
  }),
  /** In-bundle warnings the viewer could not tie to an area (an unrecognised parameter, say): shown, never dropped. */
  otherWarnings: z.array(z.string()),
  /** List entries the mapper could not place: the page says how many and offers the HTML view. */
  unmapped: z.number().int().nonnegative(),
});
export type StructuredData = z.infer<typeof StructuredDataSchema>;
