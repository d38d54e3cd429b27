/**
 * The patient pages' code, loaded on demand: by their routes (routes.tsx), and ahead of time by
 * the search page once the user starts typing an NHS number.
 */
export const loadPatientPage = () => import('./features/patient/pages/PatientPage');
export const loadRecordSectionPage = () => import('./features/patient/pages/RecordSectionPage');
export const loadStructuredAreaPage = () => import('./features/patient/pages/StructuredAreaPage');

export function preloadPatientPages(): void {
  void loadPatientPage();
  void loadRecordSectionPage();
  void loadStructuredAreaPage();
}
