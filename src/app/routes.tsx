import type { RouteObject } from 'react-router';
import { Link } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import { SearchPage } from './features/search/pages/SearchPage';
import { loadPatientPage, loadRecordSectionPage, loadStructuredAreaPage } from './patientPages';

function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        Check the address, or <Link to="/">find a patient</Link>.
      </p>
    </>
  );
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // The layout itself failing: the problem on its own.
    errorElement: <RouteError />,
    children: [
      {
        // A page that fails to render or to load shows its problem under the header, never a blank screen.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <SearchPage /> },
          // R32, R36: finding a patient by their details, and worklists from a batch trace.
          { path: 'find-by-details', lazy: () => import('./features/search/pages/FindByDetailsPage').then((m) => ({ Component: m.FindByDetailsPage })) },
          { path: 'worklist', lazy: () => import('./features/worklist/pages/WorklistPage').then((m) => ({ Component: m.WorklistPage })) },
          // Code-split: the search page loads only what it needs.
          {
            path: 'patients/:nhsNumber',
            lazy: () => loadPatientPage().then((m) => ({ Component: m.PatientPage })),
            children: [
              { index: true, lazy: () => import('./features/patient/pages/PatientHome').then((m) => ({ Component: m.PatientHome })) },
              { path: 'record/:section', lazy: () => loadRecordSectionPage().then((m) => ({ Component: m.RecordSectionPage })) },
              // R28–R31: the structured record, one area per page.
              { path: 'structured', lazy: () => loadStructuredAreaPage().then((m) => ({ Component: m.StructuredOverviewPage })) },
              { path: 'structured/:area', lazy: () => loadStructuredAreaPage().then((m) => ({ Component: m.StructuredAreaPage })) },
              { path: 'register', lazy: () => import('./features/patient/pages/RegisterPatientPage').then((m) => ({ Component: m.RegisterPatientPage })) },
            ],
          },
          // Foundations (R14–R16, R18): organisations, their locations, practitioners.
          {
            path: 'organisations',
            lazy: () => import('./features/organisation/pages/OrganisationSearchPage').then((m) => ({ Component: m.OrganisationSearchPage })),
          },
          {
            path: 'organisations/:odsCode',
            lazy: () => import('./features/organisation/pages/OrganisationResultsPage').then((m) => ({ Component: m.OrganisationResultsPage })),
          },
          {
            path: 'organisations/:odsCode/locations/:locationId',
            lazy: () => import('./features/organisation/pages/LocationPage').then((m) => ({ Component: m.LocationPage })),
          },
          {
            path: 'organisations/:odsCode/:id',
            lazy: () => import('./features/organisation/pages/OrganisationPage').then((m) => ({ Component: m.OrganisationPage })),
          },
          {
            path: 'practitioners',
            lazy: () => import('./features/practitioner/pages/PractitionerSearchPage').then((m) => ({ Component: m.PractitionerSearchPage })),
          },
          {
            path: 'practitioners/search',
            lazy: () => import('./features/practitioner/pages/PractitionerResultsPage').then((m) => ({ Component: m.PractitionerResultsPage })),
          },
          {
            path: 'practitioners/:odsCode/:id',
            lazy: () => import('./features/practitioner/pages/PractitionerPage').then((m) => ({ Component: m.PractitionerPage })),
          },
          { path: 'sign-in', lazy: () => import('./features/session/pages/SignInPage').then((m) => ({ Component: m.SignInPage })) },
          { path: 'signed-out', lazy: () => import('./features/session/pages/SignInPage').then((m) => ({ Component: m.SignedOutPage })) },
          // R26: the audit trail, for a privacy officer.
          { path: 'audit', lazy: () => import('./features/audit/pages/AuditPage').then((m) => ({ Component: m.AuditPage })) },
          { path: 'support', lazy: () => import('./features/support/pages/SupportPage').then((m) => ({ Component: m.SupportPage })) },
          {
            path: 'simulated-spine',
            lazy: () => import('./features/simulated-spine/pages/SimulatedSpinePage').then((m) => ({ Component: m.SimulatedSpinePage })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
