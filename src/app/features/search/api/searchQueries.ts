/** Finding patients by their details (R32): a POST, so names and dates of birth never travel in a URL. */
import { PatientSearchResultSchema, type PatientSearchRequest } from '../../../../shared/api';
import { apiPost } from '../../../lib/api';

export function searchPatients(request: PatientSearchRequest) {
  return apiPost('/api/patients/search', request, PatientSearchResultSchema);
}
