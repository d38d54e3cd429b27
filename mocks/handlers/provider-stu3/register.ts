/**
 * $gpc.registerpatient on the simulated provider (GP Connect 1.6: foundations_use_case_register_a_patient): a Parameters body with
 * one `registerPatient` Patient (NHS number, one official name with family and given, birth date;
 * only the allowed elements), the provider's own PDS check, then the duplicate check. Success makes
 * a temporary registration (three months) kept in the SpineControl until it is reset.
 */
import { isValidNhsNumber } from '../rules';
import type { SpineControl, TemporaryRegistration } from '../../control';
import { daysAgo, type World, type WorldPatient, type WorldPractice } from '../../world';
import { stu3Outcome } from '../fhir';
import { NHS_NUMBER_SYSTEM } from './resources';

const ALLOWED = new Set(['resourceType', 'meta', 'identifier', 'name', 'gender', 'birthDate', 'address', 'telecom', 'extension']);
const TEMPORARY_REGISTRATION_DAYS = 90;

type Json = Record<string, unknown>;
const invalidResource = (reason: string) => stu3Outcome(422, 'invalid', 'INVALID_RESOURCE', reason);
const demographics = (reason: string) => stu3Outcome(400, 'business-rule', 'INVALID_PATIENT_DEMOGRAPHICS', reason);

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** The submitted Patient, or the error its shape earns. */
function submittedPatient(text: string): { nhsNumber: string; family: string; given: string[]; birthDate: string } | Response {
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    return stu3Outcome(400, 'invalid', 'BAD_REQUEST', 'The request body is not valid JSON');
  }
  if (body?.resourceType !== 'Parameters' || !Array.isArray(body.parameter)) return invalidResource('The body must be a Parameters resource');
  const params = body.parameter as Json[];
  if (params.length !== 1 || params[0]?.name !== 'registerPatient') return invalidResource('Parameters must hold exactly one parameter, registerPatient');
  const patient = params[0].resource as Json | undefined;
  if (patient?.resourceType !== 'Patient') return invalidResource('registerPatient must hold a Patient resource');
  const extra = Object.keys(patient).filter((k) => !ALLOWED.has(k));
  if (extra.length > 0) return invalidResource(`Patient elements not allowed in a registration: ${extra.join(', ')}`);

  const identifiers = Array.isArray(patient.identifier) ? (patient.identifier as Json[]) : [];
  const nhs = identifiers.filter((i) => i.system === NHS_NUMBER_SYSTEM);
  if (nhs.length !== 1 || typeof nhs[0].value !== 'string') return invalidResource(`The Patient needs exactly one identifier with system ${NHS_NUMBER_SYSTEM}`);
  const nhsNumber = nhs[0].value;
  if (!/^\d{10}$/.test(nhsNumber) || !isValidNhsNumber(nhsNumber)) return stu3Outcome(400, 'value', 'INVALID_NHS_NUMBER', 'The NHS number is not valid');

  const names = Array.isArray(patient.name) ? (patient.name as Json[]) : [];
  const official = names.filter((n) => n.use === 'official');
  if (names.length !== 1 || official.length !== 1) return invalidResource('The Patient needs exactly one name, with use official');
  const { family, given } = official[0];
  if (typeof family !== 'string' || !family.trim() || !Array.isArray(given) || given.length === 0 || !given.every((g) => typeof g === 'string' && g.trim())) {
    return invalidResource('The official name needs a family name and at least one given name');
  }
  const birthDate = patient.birthDate;
  if (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || Number.isNaN(Date.parse(birthDate)))
    return invalidResource('The Patient needs a birthDate (YYYY-MM-DD)');
  if (patient.gender !== undefined && !['male', 'female', 'other', 'unknown'].includes(String(patient.gender)))
    return invalidResource('gender must be male, female, other or unknown');

  const addresses = Array.isArray(patient.address) ? (patient.address as Json[]) : [];
  const addressUses = countBy(addresses, (a) => String(a.use));
  if ([...addressUses].some(([use, n]) => !['home', 'temp'].includes(use) || n > 1))
    return invalidResource('At most one home and one temp address are allowed');
  const telecoms = Array.isArray(patient.telecom) ? (patient.telecom as Json[]) : [];
  const telecomUses = countBy(telecoms, (t) => `${t.system}|${t.system === 'email' ? '' : t.use}`);
  const allowedTelecom = ['phone|home', 'phone|work', 'phone|mobile', 'phone|temp', 'email|'];
  if ([...telecomUses].some(([key, n]) => !allowedTelecom.includes(key) || n > 1))
    return invalidResource('At most one home, work, mobile and temp phone and one email are allowed');
  return { nhsNumber, family, given: given as string[], birthDate };
}

/**
 * The provider's PDS verification (GP Connect 1.6: foundations_use_case_find_a_patient, foundations_use_case_register_a_patient): the date of birth matches exactly,
 * or two of its three parts match together with the family name's first three letters and the
 * given name's initial.
 */
function demographicsMatch(pds: NonNullable<WorldPatient['pds']>, submitted: { family: string; given: string[]; birthDate: string }): boolean {
  if (pds.birthDate === submitted.birthDate) return true;
  const a = pds.birthDate.split('-');
  const b = submitted.birthDate.split('-');
  const dobParts = a.filter((part, i) => part === b[i]).length;
  const family = pds.family.slice(0, 3).toLowerCase() === submitted.family.trim().slice(0, 3).toLowerCase();
  const initial = pds.given[0]?.[0]?.toLowerCase() === submitted.given[0].trim()[0]?.toLowerCase();
  return dobParts >= 2 && family && initial;
}

export function registerPatient(
  text: string,
  practice: WorldPractice,
  world: World,
  control: SpineControl,
  isActiveHere: (patient: WorldPatient) => boolean,
): (TemporaryRegistration & { patient: WorldPatient }) | Response {
  const submitted = submittedPatient(text);
  if (submitted instanceof Response) return submitted;
  const patient = world.patient(submitted.nhsNumber);
  const pds = patient?.pds;
  if (!patient || !pds) return demographics('The NHS number was not found on PDS');
  if (pds.supersededBy || pds.flaggedInvalidForProviders)
    return stu3Outcome(400, 'value', 'INVALID_NHS_NUMBER', 'PDS flags this NHS number as invalid or superseded');
  if (pds.security !== 'U') return demographics('The patient is flagged sensitive on PDS');
  if (pds.deceasedDaysAgo !== undefined) return demographics('The patient is recorded as deceased on PDS');
  if (!demographicsMatch(pds, submitted)) return demographics('The name and date of birth do not match PDS');
  if (isActiveHere(patient)) return stu3Outcome(409, 'duplicate', 'DUPLICATE_REJECTED', 'The patient already has an active registration at this practice');

  const registration: TemporaryRegistration = {
    id: `T${control.registrations.size + 1}`,
    nhsNumber: patient.nhsNumber,
    odsCode: practice.odsCode,
    start: daysAgo(0),
    end: daysAgo(-TEMPORARY_REGISTRATION_DAYS),
  };
  control.registrations.set(`${practice.odsCode}|${patient.nhsNumber}`, registration);
  return { ...registration, patient };
}
