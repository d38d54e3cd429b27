import type { RouteObject } from 'react-router';
import { Link } from 'react-router';
import { Layout } from './components/Layout';
import { SearchPage } from './features/search/pages/SearchPage';

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
    children: [
      { index: true, element: <SearchPage /> },
      // Code-split: the search page loads only what it needs.
      {
        path: 'patients/:nhsNumber',
        lazy: () => import('./features/patient/pages/PatientPage').then((m) => ({ Component: m.PatientPage })),
        children: [
          { index: true, lazy: () => import('./features/patient/pages/PatientHome').then((m) => ({ Component: m.PatientHome })) },
          { path: 'record/:section', lazy: () => import('./features/patient/pages/RecordSectionPage').then((m) => ({ Component: m.RecordSectionPage })) },
          { path: 'register', lazy: () => import('./features/patient/pages/RegisterPatientPage').then((m) => ({ Component: m.RegisterPatientPage })) },
        ],
      },
      { path: 'simulated-spine', lazy: () => import('./features/simulated-spine/pages/SimulatedSpinePage').then((m) => ({ Component: m.SimulatedSpinePage })) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
