/**
 * No blank screen: a page that throws while rendering, or whose code fails to load, shows its
 * problem under the header with a way on; and every page of the SPA sits under that boundary.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { createQueryClient } from '../../src/app/App';
import { routes } from '../../src/app/routes';
import { ProblemView } from '../../src/app/components/ProblemView';
import { allowConsoleError } from '../support/no-console-error';

/** The real layout and boundary, with one page of the test's own. */
function renderWithPage(page: RouteObject) {
  const [layout] = routes;
  const [boundary] = layout.children!;
  const withPage: RouteObject = { element: boundary.element, errorElement: boundary.errorElement, children: [{ path: 'broken', ...page } as RouteObject] };
  const router = createMemoryRouter([{ element: layout.element, errorElement: layout.errorElement, children: [withPage] }], { initialEntries: ['/broken'] });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

function Broken(): never {
  throw new Error('Cannot read properties of undefined (reading "name")');
}

describe('route error boundary', () => {
  it('a page that throws while rendering: its problem under the header, and a way on', async () => {
    // React reports the error it caught to the console: expected here.
    allowConsoleError();
    renderWithPage({ Component: Broken });
    const shown = await screen.findByTestId('route-error');
    expect(within(shown).getByRole('heading', { level: 1 })).toHaveTextContent('This page could not be shown');
    expect(within(shown).getByTestId('problem')).toHaveTextContent('Something went wrong while showing this page');
    expect(within(shown).getByTestId('problem')).toHaveTextContent('reading "name"');
    expect(within(shown).getByRole('link', { name: 'find a patient' })).toHaveAttribute('href', '/');
    expect(screen.getByRole('banner')).toBeInTheDocument();
  });

  it('a page whose code fails to load (a release replaced it): says so, and offers a reload', async () => {
    allowConsoleError();
    renderWithPage({ lazy: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/PatientPage-1a2b3c.js')) });
    const shown = await screen.findByTestId('route-error');
    expect(within(shown).getByRole('heading', { level: 1 })).toHaveTextContent('This page could not be loaded');
    expect(within(shown).getByTestId('problem')).toHaveTextContent("This page's code could not be loaded");
    expect(within(shown).getByRole('link', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
  });

  it('every page of the SPA is under the boundary, and the layout has one of its own', () => {
    const [layout] = routes;
    expect(layout.errorElement).toBeTruthy();
    expect(layout.children).toHaveLength(1);
    expect(layout.children![0].errorElement).toBeTruthy();
    expect(layout.children![0].children!.length).toBeGreaterThan(10);
  });

  it('two problems on one page (an organisation and its capability statement) each have their own ids', () => {
    const problem = { title: 'The GP system had an error', status: 502, code: 'GP_SYSTEM_ERROR', step: 'provider' as const, traceId: 't' };
    render(
      <>
        <ProblemView problem={problem} />
        <ProblemView problem={{ ...problem, title: 'SDS could not be used' }} />
      </>,
    );
    const alerts = screen.getAllByRole('alert');
    expect(alerts.map((a) => a.getAttribute('aria-labelledby'))).toHaveLength(2);
    expect(new Set(alerts.map((a) => a.getAttribute('aria-labelledby'))).size).toBe(2);
    expect(alerts.map((a) => document.getElementById(a.getAttribute('aria-labelledby')!)?.textContent)).toEqual([
      'The GP system had an error',
      'SDS could not be used',
    ]);
  });
});
