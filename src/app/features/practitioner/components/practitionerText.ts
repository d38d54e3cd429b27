import { GENDER_LABELS } from '../../../components/GenderSelect';
/** The name exactly as the GP system gave it (structured or text only, GP Connect 1.6: foundations_use_case_find_a_practitioner). */
export function practitionerName(p: { id: string; name?: string }): string {
  return p.name ?? `Practitioner ${p.id} (no name recorded)`;
}

export function roleProfiles(ids: string[]): string {
  return ids.length > 0 ? ids.join(', ') : 'None recorded';
}

export function genderText(gender: string | undefined): string {
  return gender ? (GENDER_LABELS[gender] ?? gender) : 'Not recorded';
}
