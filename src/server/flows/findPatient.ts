/**
 * Finding a patient by their details on PDS (R32). The result only lists candidates: choosing one
 * traces that NHS number afresh, so every gate (R1–R7) applies unchanged.
 */
import type { PatientMatch, PatientSearchRequest } from '../../shared/api';
import type { RequestContext } from '../context';
import type { Services } from '../services';

/**
 * PDS allows a healthcare worker up to 50 (PDS FHIR API: _max-results); the viewer asks for 10, so
 * a clinician refines a search rather than scanning a long list of similar people.
 */
export const SEARCH_MAX_RESULTS = 10;

export interface FoundPatients {
  outcome: 'matches' | 'none' | 'too-many';
  maxResults: number;
  fuzzy: boolean;
  matches: PatientMatch[];
}

export async function findPatients(services: Services, ctx: RequestContext, request: PatientSearchRequest): Promise<FoundPatients> {
  const fuzzy = request.fuzzy ?? false;
  const answer = await services.spine.pds.searchPatients({ ...request, fuzzy, maxResults: SEARCH_MAX_RESULTS }, ctx);
  const common = { maxResults: SEARCH_MAX_RESULTS, fuzzy };
  if (answer.kind === 'too-many') return { ...common, outcome: 'too-many', matches: [] };
  const matches = answer.matches.map((m): PatientMatch => ({
    nhsNumber: m.nhsNumber,
    score: m.score,
    restricted: m.restricted,
    name: m.name,
    birthDate: m.birthDate,
    gender: m.gender,
    deceasedDate: m.deceasedDate,
    // R4, R32: no address or practice for a restricted patient.
    address: m.restricted ? undefined : m.address,
    practiceOdsCode: m.restricted ? undefined : m.practiceOdsCode,
  }));
  return { ...common, outcome: matches.length === 0 ? 'none' : 'matches', matches };
}
