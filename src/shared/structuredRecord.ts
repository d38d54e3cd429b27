/**
 * The structured record as the SPA sees it: clinical data per area, never FHIR (GP Connect 1.6.2:
 * Access Record Structured, mapped by the BFF). Each area says what the provider said of it (its
 * List warnings and note, an empty reason, disabled at the practice) so that nothing missing can
 * look like a negative finding (docs/requirements.md R28).
 */
import { z } from 'zod';
import { IdentityCheckSchema, TraceEntrySchema } from './api';
import type { SectionCode } from './sections';

export const STRUCTURED_AREA_CODES = [
  'allergies',
  'medications',
  'problems',
  'immunisations',
  'consultations',
  'investigations',
  'uncategorised',
  'referrals',
  'diary',
] as const;
export type StructuredAreaCode = (typeof STRUCTURED_AREA_CODES)[number];

export function isStructuredAreaCode(value: string): value is StructuredAreaCode {
  return (STRUCTURED_AREA_CODES as readonly string[]).includes(value);
}

/**
 * The HTML section holding the same information as each area: its permission opens the area
 * (R27), so a role sees the same of a patient in either view, and its page is the area's
 * "as the practice wrote it" link.
 */
export const STRUCTURED_AREA_SECTION: Record<StructuredAreaCode, SectionCode> = {
  allergies: 'ALL',
  medications: 'MED',
  problems: 'PRB',
  immunisations: 'IMM',
  consultations: 'ENC',
  investigations: 'OBS',
  uncategorised: 'CLI',
  referrals: 'REF',
  diary: 'ADM',
};

/** The structured record's first page: what a clinician needs before anything else. */
export const OVERVIEW_AREAS = ['allergies', 'medications', 'problems'] as const satisfies readonly StructuredAreaCode[];

/** Each area's title as the viewer shows it. */
export const STRUCTURED_AREA_TITLES: Record<StructuredAreaCode, string> = {
  allergies: 'Allergies and adverse reactions',
  medications: 'Medications',
  problems: 'Problems',
  immunisations: 'Immunisations',
  consultations: 'Consultations',
  investigations: 'Investigations and results',
  uncategorised: 'Uncategorised data',
  referrals: 'Referrals',
  diary: 'Diary entries',
};

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
  /** Who prescribed it: the plan's recorder. */
  prescriber: z.string().optional(),
  stopReason: z.string().optional(),
  stoppedOn: date.optional(),
  notes: z.array(z.string()),
  issues: z.array(MedicationIssueSchema),
});
export type Medication = z.infer<typeof MedicationSchema>;

export const ProblemLinkSchema = z.object({
  kind: z.enum(['medication', 'consultation', 'investigation', 'observation', 'other']),
  id: z.string(),
  label: z.string(),
  /** A result's value, beside its name. */
  detail: z.string().optional(),
  date: date.optional(),
});

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

export const ImmunisationSchema = z.object({
  id: z.string(),
  vaccination: CodedSchema,
  /** The product given, when the provider said. */
  product: z.string().optional(),
  date: date.optional(),
  given: z.boolean(),
  reasonNotGiven: z.string().optional(),
  dose: z.string().optional(),
  notes: z.array(z.string()),
});
export type Immunisation = z.infer<typeof ImmunisationSchema>;

/** A measured or recorded value: an uncategorised observation, or a test result in a report. */
export const ResultSchema = z.object({
  id: z.string(),
  term: CodedSchema,
  date: date.optional(),
  /** The value as written: "48 mmol/mol", "> 90 mL/min", "Negative". */
  value: z.string().optional(),
  /** The number, for trends, when the value is one (a comparator such as "<" makes it unfit to plot). */
  numeric: z.object({ value: z.number(), unit: z.string().optional(), comparator: z.string().optional() }).optional(),
  /** Blood pressure and other panels: each part with its own value. */
  components: z.array(z.object({ term: z.string(), value: z.string().optional(), numeric: z.number().optional(), unit: z.string().optional() })),
  range: z.string().optional(),
  /** H, L, or the provider's text: shown as sent. */
  flag: z.string().optional(),
  /** The test group (a panel such as "Full blood count") the result came in. */
  group: z.string().optional(),
  notes: z.array(z.string()),
});
export type Result = z.infer<typeof ResultSchema>;

export const InvestigationSchema = z.object({
  id: z.string(),
  title: z.string(),
  date: date.optional(),
  status: z.string().optional(),
  specimen: z.object({ type: z.string(), collected: date.optional() }).optional(),
  results: z.array(ResultSchema),
  notes: z.array(z.string()),
});
export type Investigation = z.infer<typeof InvestigationSchema>;

export const ConsultationSchema = z.object({
  id: z.string(),
  title: z.string(),
  date: date.optional(),
  status: z.string().optional(),
  clinician: z.string().optional(),
  location: z.string().optional(),
  /** Topics, each with its headings and what was recorded under them, in the provider's order. */
  topics: z.array(
    z.object({
      title: z.string(),
      headings: z.array(z.object({ title: z.string(), items: z.array(z.object({ kind: z.string(), text: z.string() })) })),
    }),
  ),
});
export type Consultation = z.infer<typeof ConsultationSchema>;

export const ReferralSchema = z.object({
  id: z.string(),
  date: date.optional(),
  /** routine, urgent, asap (two-week wait): only when the provider mapped it. */
  priority: z.string().optional(),
  from: z.string().optional(),
  to: z.array(z.string()),
  reason: z.string().optional(),
  /** Always "unknown" from a GP system: it does not know what became of the referral. */
  status: z.string(),
  notes: z.array(z.string()),
});
export type Referral = z.infer<typeof ReferralSchema>;

export const DiaryEntrySchema = z.object({
  id: z.string(),
  entry: CodedSchema,
  due: date.optional(),
  authored: date.optional(),
  status: z.string(),
  notes: z.array(z.string()),
});
export type DiaryEntry = z.infer<typeof DiaryEntrySchema>;

const area = <T extends z.ZodType>(item: T) => z.object({ status: AreaStatusSchema, items: z.array(item) });

export const StructuredDataSchema = z.object({
  areas: z.object({
    allergies: z.object({ status: AreaStatusSchema, ended: AreaStatusSchema.optional(), items: z.array(AllergySchema) }).optional(),
    medications: area(MedicationSchema).optional(),
    problems: area(ProblemSchema).optional(),
    immunisations: area(ImmunisationSchema).optional(),
    consultations: area(ConsultationSchema).optional(),
    investigations: area(InvestigationSchema).optional(),
    uncategorised: area(ResultSchema).optional(),
    referrals: area(ReferralSchema).optional(),
    diary: area(DiaryEntrySchema).optional(),
  }),
  /** In-bundle warnings the viewer could not tie to an area (an unrecognised parameter, say): shown, never dropped. */
  otherWarnings: z.array(z.string()),
  /** List entries the mapper could not place: the page says how many and offers the HTML view. */
  unmapped: z.number().int().nonnegative(),
});
export type StructuredData = z.infer<typeof StructuredDataSchema>;

/** One area as the BFF answers it: the data, who sent it and when, and the checks it was read after. */
export const StructuredRecordSchema = z.object({
  nhsNumber: z.string(),
  area: z.enum(STRUCTURED_AREA_CODES),
  data: StructuredDataSchema,
  retrievedAt: z.string(),
  provider: z.object({ odsCode: z.string(), name: z.string().optional() }),
  /** Warnings the clinician must see above the record, e.g. deceased within 28 days. */
  warnings: z.array(z.string()),
  identity: z.object({ status: IdentityCheckSchema.shape.status, confirmed: z.boolean() }),
  trace: z.array(TraceEntrySchema),
});
export type StructuredRecord = z.infer<typeof StructuredRecordSchema>;
