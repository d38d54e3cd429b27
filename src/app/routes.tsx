import type { RouteObject } from 'react-router';
import { Link } from 'react-router';
import { Layout } from './components/Layout';
import { SearchPage } from './features/search/pages/SearchPage';
import { PatientPage } from './features/patient/pages/PatientPage';
import { PatientHome } from './features/patient/pages/PatientHome';
import { RecordSectionPage } from './features/patient/pages/RecordSectionPage';
import { SimulatedSpinePage } from './features/simulated-spine/pages/SimulatedSpinePage';

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
      {
        path: 'patients/:nhsNumber',
        element: <PatientPage />,
        children: [
          { index: true, element: <PatientHome /> },
          { path: 'record/:section', element: <RecordSectionPage /> },
        ],
      },
      { path: 'simulated-spine', element: <SimulatedSpinePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
