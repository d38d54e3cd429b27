/**
 * The identity gate before a record is read (R7, docs/requirements.md R7): PDS against the
 * practice's own record of the patient. A record is read only when they match, or when the user
 * has confirmed exactly the differences (or the failed comparison) they were shown.
 */
import type { IdentityCheck } from '../../shared/api';
import { ERROR_CATALOGUE, type ErrorCode } from '../../shared/errors';
import { AppError } from '../problem';
import { sha256 } from '../hash';
import type { RequestContext } from '../context';
import type { Services } from '../services';
import { gpPatientFor } from './foundations';
import type { TracedPatient } from '../spine/pds';

const COMPARISON_NOT_POSSIBLE = new Set<ErrorCode>(['PRACTICE_NOT_GP_CONNECT', 'GP_NOT_IMPLEMENTED', 'GP_PATIENT_NOT_FOUND']);

/** A short hash of what the user is asked to confirm: a confirmation of one set of differences never confirms another. */
async function fingerprintOf(nhsNumber: string, check: Omit<IdentityCheck, 'fingerprint'>): Promise<string> {
  const text = JSON.stringify([nhsNumber, check.status, check.differences, check.unchecked.map((u) => u.field)]);
  return (await sha256(text)).slice(0, 16);
}

async function compare(services: Services, ctx: RequestContext, traced: TracedPatient): Promise<Omit<IdentityCheck, 'fingerprint'>> {
  // R5: a deceased patient's details are never asked of the practice, so they cannot be compared.
  if (traced.deceasedDate) {
    return {
      status: 'unchecked',
      differences: [],
      unchecked: [{ field: 'patient', reason: 'The practice is not asked for the details of a patient who has died' }],
    };
  }
  try {
    const atPractice = await gpPatientFor(services, ctx, traced);
    if (atPractice.result === 'none')
      return { status: 'unchecked', differences: [], unchecked: [{ field: 'patient', reason: 'The practice returned no record for this NHS number' }] };
    if (atPractice.result === 'multiple')
      return { status: 'unchecked', differences: [], unchecked: [{ field: 'patient', reason: 'The practice holds more than one record for this NHS number' }] };
    const differences = atPractice.crossCheck?.differences ?? [];
    const unchecked = atPractice.crossCheck?.unchecked ?? [];
    return { status: differences.length > 0 ? 'differs' : unchecked.length > 0 ? 'unchecked' : 'match', differences, unchecked };
  } catch (error) {
    // A practice that cannot be asked about the patient (no Foundations service for it, or not
    // implemented) leaves the identity unchecked, for the user to confirm. Any other failure (GP
    // system down, proxy refusal, an unreadable answer…) is the record's failure too: shown as it is.
    if (!(error instanceof AppError) || !COMPARISON_NOT_POSSIBLE.has(error.code)) throw error;
    return {
      status: 'unchecked',
      differences: [],
      unchecked: [{ field: 'patient', reason: `The practice's record could not be read: ${ERROR_CATALOGUE[error.code].title}` }],
    };
  }
}

export async function checkIdentity(services: Services, ctx: RequestContext, traced: TracedPatient): Promise<IdentityCheck> {
  const check = await compare(services, ctx, traced);
  return { ...check, fingerprint: await fingerprintOf(traced.nhsNumber, check) };
}

/** Throws IDENTITY_NOT_CONFIRMED, carrying what to confirm, unless the check matched or `confirm` is its fingerprint. */
export async function assertIdentityConfirmed(
  services: Services,
  ctx: RequestContext,
  traced: TracedPatient,
  confirm: string | undefined,
): Promise<{ status: IdentityCheck['status']; confirmed: boolean }> {
  const check = await checkIdentity(services, ctx, traced);
  if (check.status === 'match') return { status: 'match', confirmed: false };
  if (confirm === check.fingerprint) return { status: check.status, confirmed: true };
  const detail =
    check.status === 'differs'
      ? `The practice's record differs from PDS in: ${check.differences.map((d) => d.label.toLowerCase()).join(', ')}.`
      : `The practice's record could not be compared with PDS: ${check.unchecked.map((u) => u.reason).join('; ')}.`;
  throw new AppError('IDENTITY_NOT_CONFIRMED', { detail, identityCheck: check });
}
