/**
 * The other identifiers a user types (ODS; GP Connect 1.6: integration_cross_organisation_audit_and_provenance) and FHIR logical ids: each
 * check normalises what people forgive (spaces, lower case) and says what is wrong.
 */
export type IdentifierCheck = { valid: true; value: string } | { valid: false; reason: string };

/**
 * ODS code: 1–9 upper-case letters or digits (ODS). Practices are usually a
 * letter and five digits, but test data uses codes like GPC001, so no stricter pattern.
 */
export function checkOdsCode(input: string): IdentifierCheck {
  const value = input.trim().toUpperCase();
  if (value === '') return { valid: false, reason: 'Enter an ODS code' };
  if (!/^[A-Z0-9]+$/.test(value)) return { valid: false, reason: 'An ODS code contains only letters and digits, for example A20047' };
  if (value.length > 9) return { valid: false, reason: `An ODS code has at most 9 characters (this has ${value.length})` };
  return { valid: true, value };
}

/**
 * SDS user id: the numeric smartcard id (e.g. 111222333444) or a test id like G13579135
 * (GP Connect 1.6: integration_cross_organisation_audit_and_provenance); "UNK" stands for no smartcard and names nobody.
 */
export function checkSdsUserId(input: string): IdentifierCheck {
  const value = input.trim().toUpperCase();
  if (value === '') return { valid: false, reason: 'Enter an SDS user ID' };
  if (value === 'UNK') return { valid: false, reason: 'UNK means "no smartcard" and does not identify a practitioner' };
  if (!/^[A-Z0-9]+$/.test(value)) return { valid: false, reason: 'An SDS user ID contains only letters and digits, for example G13579135 or 111222333444' };
  if (value.length < 4 || value.length > 20) return { valid: false, reason: `An SDS user ID has 4 to 20 characters (this has ${value.length})` };
  return { valid: true, value };
}

/** A FHIR logical id: 1–64 letters, digits, '-' and '.' (FHIR STU3 `id` datatype). Case-sensitive. */
export function checkLogicalId(input: string): IdentifierCheck {
  if (input === '') return { valid: false, reason: 'Enter an id' };
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(input)) return { valid: false, reason: 'An id has 1 to 64 letters, digits, "-" or "."' };
  return { valid: true, value: input };
}
