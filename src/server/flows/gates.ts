/**
 * Safety gates before any record call (docs/requirements.md R2–R6; docs/architecture.md principle 7).
 */
import type { Gate } from '../../shared/api';
import { formatClinicalDate } from '../../shared/dates';
import { AppError } from '../problem';
import type { ErrorCode } from '../../shared/errors';
import type { TracedPatient } from '../spine/pds';

/** A deceased patient's HTML record is shared only within 28 days of death (R5; docs/requirements.md R5). */
export const DECEASED_WINDOW_DAYS = 28;
/** A trace older than this may not be used for a record call (R2). */
export const MAX_TRACE_AGE_MS = 24 * 60 * 60 * 1000;

/** Only NHS number verification status 01 "Number present and verified" counts as verified (R6). */
export function isNhsNumberVerified(verification: TracedPatient['verification']): boolean {
  return verification?.code === '01';
}

function daysSince(date: string, now: Date): number {
  return Math.floor((now.getTime() - new Date(`${date}T00:00:00Z`).getTime()) / 86_400_000);
}

export function evaluateGates(patient: TracedPatient, now = new Date()): Gate[] {
  const gates: Gate[] = [];
  if (patient.restricted) {
    gates.push({ code: 'RESTRICTED', blocks: true, message: 'This patient has a restricted (sensitive) record. Their GP record is not requested.' });
    // Nothing else is said about a restricted patient (R4).
    return gates;
  }
  if (now.getTime() - new Date(patient.tracedAt).getTime() > MAX_TRACE_AGE_MS) {
    gates.push({ code: 'TRACE_TOO_OLD', blocks: true, message: 'The PDS trace is more than 24 hours old. Trace the patient again.' });
  }
  if (patient.deceasedDate) {
    const days = daysSince(patient.deceasedDate, now);
    const within = days <= DECEASED_WINDOW_DAYS;
    gates.push({
      code: 'DECEASED',
      blocks: !within,
      message: within
        ? `This patient died on ${formatClinicalDate(patient.deceasedDate)}. Their GP record is available until 28 days after death.`
        : `This patient died on ${formatClinicalDate(patient.deceasedDate)}, more than 28 days ago. Their GP record is no longer shared.`,
    });
  }
  if (!isNhsNumberVerified(patient.verification)) {
    gates.push({
      code: 'NOT_VERIFIED',
      blocks: true,
      message: `The NHS number is not verified on PDS (status: ${patient.verification ? `${patient.verification.code} ${patient.verification.display}` : 'not given'}).`,
    });
  }
  if (!patient.practiceOdsCode) {
    gates.push({ code: 'NO_PRACTICE', blocks: true, message: 'PDS does not show a registered GP practice for this patient.' });
  } else if (patient.registrationEnded) {
    // R37: flagged, not blocked: the practice may still answer, or may no longer hold the record.
    gates.push({
      code: 'REGISTRATION_ENDED',
      blocks: false,
      message: `PDS shows the registration with practice ${patient.practiceOdsCode} ended on ${formatClinicalDate(patient.registrationEnded)}. The practice may no longer hold this patient's record, and what it shows may be out of date.`,
    });
  }
  return gates;
}

/** The error of each gate that can block; a warning only (REGISTRATION_ENDED) has none. */
const GATE_ERRORS: Record<Gate['code'], ErrorCode | null> = {
  RESTRICTED: 'PATIENT_RESTRICTED',
  DECEASED: 'PATIENT_DECEASED',
  NOT_VERIFIED: 'NHS_NUMBER_NOT_VERIFIED',
  NO_PRACTICE: 'NO_REGISTERED_PRACTICE',
  TRACE_TOO_OLD: 'TRACE_TOO_OLD',
  REGISTRATION_ENDED: null,
};

/** A blocking gate's error; a gate that blocks without one is a bug, never a silent pass. */
function gateError(gate: Gate): AppError {
  const code = GATE_ERRORS[gate.code];
  if (!code) throw new Error(`The ${gate.code} gate blocks but has no error code`);
  return new AppError(code, { step: 'bff', detail: gate.message });
}

/** Throws the AppError of the first gate that blocks a record call; otherwise returns the gates (warnings only). */
export function assertRecordAllowed(patient: TracedPatient, now = new Date()): Gate[] {
  const gates = evaluateGates(patient, now);
  const blocking = gates.find((g) => g.blocks);
  if (blocking) throw gateError(blocking);
  return gates;
}

/**
 * Gates before a Foundations call (patient search/read, register patient): as for the record, but
 * a deceased patient is never sent, even within 28 days (R5 allows only Access Record HTML).
 */
export function assertFoundationsAllowed(patient: TracedPatient, options: { needsPractice?: boolean } = {}, now = new Date()): Gate[] {
  const gates = evaluateGates(patient, now);
  const blocking = gates.find((g) => (g.blocks || g.code === 'DECEASED') && (g.code !== 'NO_PRACTICE' || options.needsPractice !== false));
  if (blocking) {
    const detail =
      blocking.code === 'DECEASED' && !blocking.blocks
        ? `${blocking.message} Only the HTML record is shared after death; patient details are not requested from the practice.`
        : blocking.message;
    throw gateError({ ...blocking, message: detail });
  }
  return gates;
}
