/**
 * The contract between SPA and BFF. The BFF answers with these shapes and the SPA parses every
 * response with the same schemas (docs/architecture.md principle 4).
 */
import { z } from 'zod';
import { SECTION_CODES } from './sections';
import { hasUntypedCharacter } from './text';
import { todayInUk } from './dates';

export const TraceEntrySchema = z.object({
  service: z.enum(['pds', 'sds', 'ssp']),
  interaction: z.string(),
  status: z.number().int().nullable(),
  ms: z.number().nonnegative(),
  cache: z.enum(['hit', 'miss']).optional(),
  error: z.string().optional(),
  /** Set on a retry: 2 for the first retry, and so on (R12). */
  attempt: z.number().int().min(2).optional(),
  /** The id the call carried (Ssp-TraceID, X-Request-ID or X-Correlation-Id), to quote to support. */
  traceId: z.string().optional(),
  /** The request itself: on the simulated Spine only (issue: flow inspector, detail on demand). */
  request: z
    .object({
      method: z.string(),
      url: z.string(),
      headers: z.record(z.string(), z.string()),
      jwtClaims: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type TraceEntry = z.infer<typeof TraceEntrySchema>;

export const HealthSchema = z.object({ status: z.literal('ok'), mode: z.enum(['mock', 'live']) });
export type Health = z.infer<typeof HealthSchema>;

/** The instance can take requests: its database answers and every migration is applied (a load balancer's readiness check). */
export const ReadySchema = z.object({ ready: z.literal(true), database: z.enum(['pglite', 'postgres']), migrations: z.number().int() });
export type Ready = z.infer<typeof ReadySchema>;

export const DemographicDifferenceSchema = z.object({
  field: z.enum(['family', 'given', 'gender', 'birthDate', 'practice']),
  label: z.string(),
  pds: z.string(),
  practice: z.string(),
});
export type DemographicDifference = z.infer<typeof DemographicDifferenceSchema>;

/**
 * The R7 identity check before a record is read: PDS against the practice's own record.
 * `match` lets the record through; `differs` and `unchecked` need the user's confirmation, given
 * by sending back the `fingerprint` of exactly what they were shown.
 */
export const IdentityCheckSchema = z.object({
  status: z.enum(['match', 'differs', 'unchecked']),
  differences: z.array(DemographicDifferenceSchema),
  /** What could not be compared, and why (the practice did not answer, the patient has died, …). */
  unchecked: z.array(z.object({ field: z.string(), reason: z.string() })),
  fingerprint: z.string(),
});
export type IdentityCheck = z.infer<typeof IdentityCheckSchema>;

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
  /** IDENTITY_NOT_CONFIRMED: what the user must check before the record is read (R7). */
  identityCheck: IdentityCheckSchema.optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const GateSchema = z.object({
  code: z.enum(['RESTRICTED', 'DECEASED', 'NOT_VERIFIED', 'NO_PRACTICE', 'TRACE_TOO_OLD', 'REGISTRATION_ENDED']),
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
  /** registrationEnded: the date PDS says the registration ended, when it has (R37). */
  practice: z.object({ odsCode: z.string(), name: z.string().optional(), registrationEnded: z.string().optional() }).optional(),
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
  /** Which records the practice offers (R31): the practice's HTML pages, the structured record, or both; never neither. */
  offers: z.object({ html: z.boolean(), structured: z.boolean() }),
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
  sanitiser: z.object({ removedElements: z.number().int(), removedAttributes: z.number().int(), unterminated: z.array(z.string()) }),
  /** Warnings the clinician must see above the record, e.g. deceased within 28 days. */
  warnings: z.array(z.string()),
  /** The R7 check this record was read after; `confirmed` when the user confirmed differences or an unchecked identity. */
  identity: z.object({ status: IdentityCheckSchema.shape.status, confirmed: z.boolean() }),
  trace: z.array(TraceEntrySchema),
});
export type CareRecord = z.infer<typeof RecordSchema>;

// ---- Foundations (GP Connect 1.6: foundations; R7, R13–R18) ----

export const AddressSchema = z.object({ lines: z.array(z.string()), city: z.string().optional(), postalCode: z.string().optional() });
export const TelecomSchema = z.object({ system: z.string(), value: z.string(), use: z.string().optional() });

export const OrganisationSchema = z.object({
  id: z.string(),
  odsCode: z.string().optional(),
  name: z.string().optional(),
  address: z.array(AddressSchema),
  telecom: z.array(TelecomSchema),
  mainLocationId: z.string().optional(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

/** Organisation search at the ODS code's own GP system (R15): none, one or several. */
export const OrganisationSearchSchema = z.object({
  odsCode: z.string(),
  /** False when SDS has no GP Connect endpoint for this ODS code, so nobody could be asked. */
  gpConnect: z.boolean(),
  organisations: z.array(OrganisationSchema),
  /** When the GP system answered (R24: every view says when its data was retrieved). */
  retrievedAt: z.string(),
  trace: z.array(TraceEntrySchema),
});
export type OrganisationSearch = z.infer<typeof OrganisationSearchSchema>;

export const OrganisationReadSchema = z.object({
  odsCode: z.string(),
  organisation: OrganisationSchema,
  retrievedAt: z.string(),
  trace: z.array(TraceEntrySchema),
});
export type OrganisationRead = z.infer<typeof OrganisationReadSchema>;

/** What the provider's CapabilityStatement says (R18). */
export const CapabilitySchema = z.object({
  odsCode: z.string(),
  gpConnectVersion: z.string(),
  fhirVersion: z.string().optional(),
  supplier: z.string().optional(),
  software: z.string().optional(),
  /** e.g. "Patient: read, search-type". */
  resources: z.array(z.object({ type: z.string(), interactions: z.array(z.string()) })),
  operations: z.array(z.string()),
  retrievedAt: z.string(),
  trace: z.array(TraceEntrySchema),
});
export type Capability = z.infer<typeof CapabilitySchema>;

export const PractitionerSchema = z.object({
  id: z.string(),
  /** As the GP system gives it: structured, or text only (GP Connect 1.6: foundations_use_case_find_a_practitioner). */
  name: z.string().optional(),
  sdsUserIds: z.array(z.string()),
  roleProfileIds: z.array(z.string()),
  gender: z.string().optional(),
});
export type Practitioner = z.infer<typeof PractitionerSchema>;

export const PractitionerSearchSchema = z.object({
  sdsUserId: z.string(),
  odsCode: z.string(),
  practitioners: z.array(PractitionerSchema),
  retrievedAt: z.string(),
  trace: z.array(TraceEntrySchema),
});
export type PractitionerSearch = z.infer<typeof PractitionerSearchSchema>;

export const PractitionerReadSchema = z.object({
  odsCode: z.string(),
  practitioner: PractitionerSchema,
  retrievedAt: z.string(),
  trace: z.array(TraceEntrySchema),
});
export type PractitionerRead = z.infer<typeof PractitionerReadSchema>;

export const LocationSchema = z.object({
  odsCode: z.string(),
  location: z.object({
    id: z.string(),
    name: z.string().optional(),
    address: z.array(AddressSchema),
    telecom: z.array(TelecomSchema),
    managingOrganisationId: z.string().optional(),
  }),
  retrievedAt: z.string(),
  trace: z.array(TraceEntrySchema),
});
export type LocationRead = z.infer<typeof LocationSchema>;

export const NameSchema = z.object({ prefix: z.string().optional(), given: z.array(z.string()), family: z.string() });

/** One field compared between PDS and the practice's record (R7, docs/requirements.md R7). */

export const RegistrationDetailsSchema = z.object({
  type: z.object({ code: z.string(), display: z.string().optional() }).optional(),
  period: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
  preferredBranchSurgeryId: z.string().optional(),
});

/** The patient as the registered practice's GP system holds them (R13), with the R7 cross-check. */
export const GpPatientSchema = z.object({
  nhsNumber: z.string(),
  practiceOdsCode: z.string(),
  /** none: the practice returned no record (sensitive, deceased, inactive or unknown there, R13). */
  result: z.enum(['single', 'none', 'multiple']),
  patient: z
    .object({
      id: z.string(),
      name: NameSchema.optional(),
      gender: z.string().optional(),
      birthDate: z.string().optional(),
      registration: RegistrationDetailsSchema,
      organisation: z.object({ id: z.string(), odsCode: z.string().optional(), name: z.string().optional() }).optional(),
    })
    .optional(),
  crossCheck: z
    .object({
      differences: z.array(DemographicDifferenceSchema),
      /** Fields that could not be compared, with why (e.g. the practice's organisation could not be read). */
      unchecked: z.array(z.object({ field: z.string(), reason: z.string() })),
    })
    .optional(),
  retrievedAt: z.string(),
  trace: z.array(TraceEntrySchema),
});
export type GpPatient = z.infer<typeof GpPatientSchema>;

const isRealDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/**
 * A temporary registration as the user fills it in (GP Connect 1.6: foundations_use_case_register_a_patient): the minimum (name,
 * birth date) and the "should" fields (gender, home address, one phone, one email).
 */
/** Text a person could have typed: no control characters, no half of a surrogate pair. */
const typed = (what: string) => [(v: string) => !hasUntypedCharacter(v), `The ${what} has a character that cannot be typed (a control character)`] as const;

export const RegistrationRequestSchema = z.object({
  odsCode: z
    .string('Enter the ODS code of the practice')
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,9}$/, 'Enter the ODS code of the practice, letters and digits only, for example A20047'),
  prefix: z
    .string()
    .trim()
    .max(20, 'A title has at most 20 characters')
    .refine(...typed('title'))
    .optional(),
  given: z
    .string('Enter the given name')
    .trim()
    .min(1, 'Enter the given name')
    .max(100, 'The given name has at most 100 characters')
    .refine(...typed('given name')),
  family: z
    .string('Enter the family name')
    .trim()
    .min(1, 'Enter the family name')
    .max(100, 'The family name has at most 100 characters')
    .refine(...typed('family name')),
  birthDate: z
    .string('Enter the date of birth')
    .refine(isRealDate, 'Enter the date of birth as a real date, YYYY-MM-DD')
    .refine((v) => !isRealDate(v) || v <= todayInUk(), 'The date of birth cannot be in the future'),
  gender: z.enum(['male', 'female', 'other', 'unknown'], 'Choose a gender'),
  address: z
    .object({
      lines: z
        .array(
          z
            .string()
            .trim()
            .min(1)
            .max(100)
            .refine(...typed('address')),
        )
        .min(1, 'Enter the first line of the address')
        .max(4, 'At most 4 address lines'),
      city: z
        .string()
        .trim()
        .max(60)
        .refine(...typed('town or city'))
        .optional(),
      postalCode: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a UK postcode, for example LS1 4HY')
        .optional(),
    })
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d ]{6,20}$/, 'Enter a telephone number with digits only, for example 0113 496 0000')
    .optional(),
  email: z.email('Enter an email address like name@example.nhs.uk').optional(),
});
export type RegistrationRequest = z.infer<typeof RegistrationRequestSchema>;

export const RegistrationResultSchema = z.object({
  nhsNumber: z.string(),
  odsCode: z.string(),
  patientId: z.string(),
  registration: RegistrationDetailsSchema,
  trace: z.array(TraceEntrySchema),
});
export type RegistrationResult = z.infer<typeof RegistrationResultSchema>;

/** One BFF request in the support view: what a support call needs, no patient data beyond the NHS number. */
export const SupportEntrySchema = z.object({
  time: z.string(),
  action: z.string(),
  nhsNumber: z.string().optional(),
  status: z.number().int(),
  code: z.string().optional(),
  traceId: z.string(),
  sspTraceIds: z.array(z.string()),
  spineCalls: z.number().int(),
  cacheHits: z.number().int(),
  totalMs: z.number(),
});
export type SupportEntry = z.infer<typeof SupportEntrySchema>;

export const SupportLogSchema = z.object({ requests: z.array(SupportEntrySchema), limit: z.number().int() });
export type SupportLog = z.infer<typeof SupportLogSchema>;

// ---- Sign-in, access and audit (R26, R27) ----

export const SessionSchema = z.object({
  authMode: z.enum(['oidc', 'none']),
  user: z.object({
    id: z.string(),
    name: z.string(),
    /** The national RBAC role the user signed in with, e.g. "Clinical Practitioner Access Role (R8000)". */
    nationalRole: z.string().optional(),
    /** This viewer's role for it; absent when the role is not recognised (then nothing is allowed). */
    role: z.string().optional(),
    roleName: z.string().optional(),
    organisation: z.object({ odsCode: z.string(), name: z.string().optional() }),
  }),
  permissions: z.array(z.string()),
  /** Why the user can do less than their role allows (their organisation is not set up for GP Connect here, R9). */
  restriction: z.string().optional(),
  /** Sent back as X-CSRF-Token on every state-changing request. */
  csrfToken: z.string().optional(),
  idleTimeoutSeconds: z.number().int(),
});
export type Session = z.infer<typeof SessionSchema>;

export const SignOutSchema = z.object({ redirectTo: z.string() });

export const AuditQuerySchema = z.object({
  nhsNumber: z.string().optional(),
  user: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  before: z.string().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  requestId: z.string(),
  user: z.object({ id: z.string(), name: z.string(), role: z.string(), roleProfileId: z.string(), organisation: z.string() }).optional(),
  action: z.string(),
  nhsNumber: z.string().optional(),
  section: z.string().optional(),
  outcome: z.enum(['success', 'failure', 'blocked']),
  httpStatus: z.number().int(),
  errorCode: z.string().optional(),
  sspTraceId: z.string().optional(),
  interactionId: z.string().optional(),
  practiceOdsCode: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), next: z.string().optional() });
export type AuditPage = z.infer<typeof AuditPageSchema>;

// ---- Finding a patient by their details (PDS FHIR API: search; R32) ----

/**
 * A name as PDS searches it: at most 35 characters (PDS FHIR API: search patient). PDS takes a `*`
 * wildcard anywhere after the first two characters and never with fuzzy matching; this viewer
 * takes it only at the end, the one use its hint explains.
 */
const searchName = (what: string) =>
  z
    .string(`Enter the ${what}`)
    .trim()
    .max(35, `The ${what} has at most 35 characters`)
    .refine(...typed(what))
    .refine((v) => !v.includes('*') || /^[^*]{2,}\*$/.test(v), `A * in the ${what} goes at the end, after at least two letters, for example Smi*`);

/** Strict: a field the search does not take (a misspelt postcode, an NHS number) is refused, not ignored. */
export const PatientSearchRequestSchema = z
  .strictObject({
    family: searchName('family name').min(1, 'Enter the family name'),
    given: searchName('given name')
      .optional()
      .transform((v) => v || undefined),
    // PDS needs a date of birth for every search (PDS FHIR API: MISSING_VALUE).
    birthDate: z
      .string('Enter the date of birth')
      .refine(isRealDate, 'Enter the date of birth as a real date, YYYY-MM-DD')
      .refine((v) => !isRealDate(v) || v <= todayInUk(), 'The date of birth cannot be in the future'),
    gender: z.enum(['male', 'female', 'other', 'unknown'], 'Choose a gender, or leave it out').optional(),
    postcode: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => v === '' || /^[A-Z0-9 ]{2,8}\*?$/.test(v), 'Enter a postcode with letters and digits, for example LS6 2QB, or leave it out')
      .optional()
      .transform((v) => v || undefined),
    fuzzy: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.fuzzy) return;
    // PDS: a fuzzy search needs given and family names, or a name with gender and postcode (PDS FHIR API: _fuzzy-match).
    if (!value.given && !(value.gender && value.postcode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['given'],
        message: 'To include similar-sounding names, enter the given name too (or the gender and the postcode)',
      });
    }
    for (const field of ['family', 'given', 'postcode'] as const) {
      if (value[field]?.includes('*')) ctx.addIssue({ code: 'custom', path: [field], message: 'A * wildcard cannot be used with similar-sounding names' });
    }
  });
export type PatientSearchRequest = z.infer<typeof PatientSearchRequestSchema>;

export const PatientMatchSchema = z.object({
  nhsNumber: z.string(),
  /** PDS's score: 1 is an exact match. */
  score: z.number(),
  restricted: z.boolean(),
  name: z.object({ prefix: z.string().optional(), given: z.array(z.string()), family: z.string() }).optional(),
  birthDate: z.string().optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  deceasedDate: z.string().optional(),
  /** Absent for a restricted patient (R4, R32), as PDS leaves it out. */
  address: z.object({ line: z.array(z.string()), city: z.string().optional(), postalCode: z.string().optional() }).optional(),
  practiceOdsCode: z.string().optional(),
});
export type PatientMatch = z.infer<typeof PatientMatchSchema>;

export const PatientSearchResultSchema = z.object({
  /** matches: at least one, in score order; none: PDS found no one; too-many: more than maxResults, none shown. */
  outcome: z.enum(['matches', 'none', 'too-many']),
  maxResults: z.number().int(),
  fuzzy: z.boolean(),
  matches: z.array(PatientMatchSchema),
  trace: z.array(TraceEntrySchema),
});
export type PatientSearchResult = z.infer<typeof PatientSearchResultSchema>;

// ---- Worklists from a batch trace (R36) ----

/** The most rows a worklist file may have: a clinic list, not a practice list. */
export const WORKLIST_MAX_ROWS = 2000;

/** Loading a worklist, as audited: who (the session), the file's name and how many rows; never the rows themselves. */
export const WorklistLoadSchema = z.strictObject({
  fileName: z
    .string('Give the file name')
    .trim()
    .min(1, 'Give the file name')
    .max(255, 'The file name has at most 255 characters')
    .refine(...typed('file name')),
  rows: z
    .number('Give the number of rows')
    .int()
    .min(1, 'A worklist has at least one row')
    .max(WORKLIST_MAX_ROWS, `A worklist has at most ${WORKLIST_MAX_ROWS} rows`),
  rejectedRows: z.number('Give the number of rows refused').int().min(0).max(WORKLIST_MAX_ROWS),
});
export type WorklistLoad = z.infer<typeof WorklistLoadSchema>;

export const WorklistLoadedSchema = z.object({ loadedAt: z.string(), rows: z.number().int() });
export type WorklistLoaded = z.infer<typeof WorklistLoadedSchema>;
