/**
 * What the API takes: every route's path parameters, query string and body, as zod schemas. The
 * BFF applies them before any handler runs (src/server/api/validate.ts) and the OpenAPI
 * description is generated from them; the SPA checks its forms with the same rules.
 *
 * Each field is registered in `inputErrors` with the catalogue code it is refused with, so a bad
 * NHS number is INVALID_NHS_NUMBER wherever it is typed, and the field's message says what is wrong.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors';
import { checkNhsNumber } from './nhsNumber';
import { checkLogicalId, checkOdsCode, checkSdsUserId, type IdentifierCheck } from './identifiers';
import { checkDateRange } from './dates';
import { SECTION_CODES } from './sections';
import { STRUCTURED_AREA_CODES } from './structuredRecord';
import { PatientSearchRequestSchema, RegistrationRequestSchema, WorklistLoadSchema } from './api';

/** The catalogue code a field (or a whole query or body) is refused with; INVALID_QUERY when none is registered. */
export const inputErrors = z.registry<{ code: ErrorCode }>();

type Check = (value: string) => IdentifierCheck;

/** A domain check inside a zod transform: its normalised value, or an issue with the check's own reason. */
function checkedValue(check: Check, value: string, ctx: z.RefinementCtx): string {
  const result = check(value);
  if (result.valid) return result.value;
  ctx.addIssue({ code: 'custom', message: result.reason });
  return z.NEVER;
}

/**
 * A text field checked by one of the domain rules: the normalised value, or the rule's own reason
 * as the message (also when the field is missing: the rule's answer for an empty value).
 */
function checkedText(check: Check, code: ErrorCode, meta: { description: string; example: string }) {
  const missing = (check('') as { reason: string }).reason;
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : undefined) })
    .transform((value, ctx) => checkedValue(check, value, ctx))
    .register(inputErrors, { code })
    .meta(meta);
}

/** The same, optional: an absent or blank value is no value (a search filter left empty). */
function optionalCheckedText(check: Check, code: ErrorCode, meta: { description: string; example: string }) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const trimmed = value?.trim();
      return trimmed ? checkedValue(check, trimmed, ctx) : undefined;
    })
    .register(inputErrors, { code })
    .meta(meta);
}

const nhsNumberCheck: Check = (value) => checkNhsNumber(value);

// ---- Fields ----

export const NhsNumberField = checkedText(nhsNumberCheck, 'INVALID_NHS_NUMBER', {
  description: 'NHS number: 10 digits with a Modulus 11 check digit (R1)',
  example: '9658218873',
});
export const OdsCodeField = checkedText(checkOdsCode, 'INVALID_ODS_CODE', { description: 'ODS code: 1–9 letters or digits', example: 'A20047' });
export const SdsUserIdField = checkedText(checkSdsUserId, 'INVALID_SDS_USER_ID', {
  description: 'SDS user ID: 4–20 letters or digits, not UNK',
  example: 'G13579135',
});
export const LogicalIdField = checkedText(checkLogicalId, 'INVALID_ID', { description: 'A FHIR logical id: 1–64 letters, digits, "-" or "."', example: '1' });

export const SectionField = z
  .enum(SECTION_CODES, { error: (issue) => `"${String(issue.input)}" is not a record section. Use one of ${SECTION_CODES.join(', ')}.` })
  .register(inputErrors, { code: 'INVALID_SECTION' })
  .meta({ description: 'Access Record HTML section code (R19)', example: 'SUM' });

export const StructuredAreaField = z
  .enum(STRUCTURED_AREA_CODES, {
    error: (issue) => `"${String(issue.input)}" is not an area of the structured record. Use one of ${STRUCTURED_AREA_CODES.join(', ')}.`,
  })
  .register(inputErrors, { code: 'INVALID_STRUCTURED_AREA' })
  .meta({ description: 'Access Record Structured area (R28)', example: 'medications' });

const dateField = (name: 'from' | 'to') =>
  z
    .string()
    .optional()
    .register(inputErrors, { code: 'INVALID_DATE_RANGE' })
    .meta({
      description: `${name === 'from' ? 'First' : 'Last'} day of the range, YYYY-MM-DD (inclusive)`,
      example: name === 'from' ? '2015-05-01' : '2016-07-01',
    });

/** from/to as one range (R19): real days, written YYYY-MM-DD, "from" not after "to"; blank is no bound. */
function withDateRange<T extends { from?: string; to?: string }>(query: T, ctx: z.RefinementCtx): T {
  const range = checkDateRange(query.from, query.to);
  if (!range.valid) {
    ctx.addIssue({ code: 'custom', path: [range.field], message: range.reason });
    return z.NEVER;
  }
  return { ...query, from: range.from, to: range.to };
}

// ---- Path parameters ----

export const NhsNumberParams = z.object({ nhsNumber: NhsNumberField });
export const RecordSectionParams = z.object({ nhsNumber: NhsNumberField, section: SectionField });
export const StructuredAreaParams = z.object({ nhsNumber: NhsNumberField, area: StructuredAreaField });
export const OdsCodeParams = z.object({ odsCode: OdsCodeField });
export const OrganisationReadParams = z.object({ odsCode: OdsCodeField, id: LogicalIdField });
export const LogicalIdParams = z.object({ id: LogicalIdField });

// ---- Query strings (a parameter a route does not take is refused) ----

export const NoQuery = z.strictObject({});

export const TraceQuery = z.strictObject({
  retrace: z.enum(['true', 'false']).optional().meta({ description: 'true: trace the patient on PDS again, not from the short-lived cache' }),
});

/** The record section's query: a date range where the section takes one, and an identity confirmation (R7). */
export const RecordQuery = z
  .strictObject({
    from: dateField('from'),
    to: dateField('to'),
    confirm: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'confirm must be the fingerprint of an identity check: 16 hexadecimal digits')
      .optional()
      .register(inputErrors, { code: 'INVALID_QUERY' })
      .meta({ description: 'The fingerprint of the identity check the user confirmed (409 IDENTITY_NOT_CONFIRMED): 16 hexadecimal digits' }),
  })
  .transform(withDateRange)
  // Anything else given to the record is taken as a mistyped date range.
  .register(inputErrors, { code: 'INVALID_DATE_RANGE' });

const confirmField = RecordQuery.in.shape.confirm;
/** The structured area's query: only the identity confirmation (R7); every area is asked for whole. */
export const StructuredQuery = z.strictObject({ confirm: confirmField });

export const OrganisationSearchQuery = z.strictObject({ odsCode: OdsCodeField });
export const PractitionerSearchQuery = z.strictObject({ sdsUserId: SdsUserIdField, odsCode: OdsCodeField });
export const AtPracticeQuery = z.strictObject({ odsCode: OdsCodeField });

/** The audit search (R26): each filter optional, blank is no filter. */
export const AuditSearchQuery = z
  .strictObject({
    nhsNumber: optionalCheckedText(nhsNumberCheck, 'INVALID_NHS_NUMBER', { description: 'Rows about this patient', example: '9658218873' }),
    user: z
      .string()
      .optional()
      .transform((value) => value?.trim() || undefined)
      .refine(
        (value) => value === undefined || (value.length <= 64 && /^[\p{L}\p{N} .'@_-]+$/u.test(value)),
        "The user is an SDS user ID or part of a name: letters, digits, spaces and . ' @ _ -, at most 64 characters",
      )
      .meta({ description: "An SDS user ID or part of a user's name: letters, digits, spaces and . ' @ _ -, at most 64 characters" }),
    from: dateField('from'),
    to: dateField('to'),
    before: z
      .string()
      .optional()
      .transform((value) => value?.trim() || undefined)
      .refine((value) => value === undefined || /^\d{1,15}$/.test(value), 'before is the id of an audit row')
      .meta({ description: 'The id of the last row of the previous page' }),
  })
  .transform(withDateRange);

export const SignInQuery = z.strictObject({ returnTo: z.string().optional().meta({ description: 'A path inside the viewer to return to after sign-in' }) });

/** The identity provider's redirect back: its parameters are the provider's (OpenID Connect, RFC 9207), so none is refused. */
export const SignInCallbackQuery = z.looseObject({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
});

// ---- Bodies ----

inputErrors.add(RegistrationRequestSchema, { code: 'INVALID_REGISTRATION' });
inputErrors.add(PatientSearchRequestSchema, { code: 'INVALID_SEARCH' });
inputErrors.add(WorklistLoadSchema, { code: 'INVALID_WORKLIST' });
export { RegistrationRequestSchema, PatientSearchRequestSchema, WorklistLoadSchema };

/** What the validator refuses for a field, and the code: the field's, else the query's or body's, else INVALID_QUERY. */
export function inputErrorCode(schema: z.ZodType | undefined): ErrorCode | undefined {
  return schema ? inputErrors.get(schema)?.code : undefined;
}
