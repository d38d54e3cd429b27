/** Signed in or not, in the page (issue 5): the sign-in offer, the account area, and a session that ends while a patient is open. */
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { renderAt } from './render';
import { server } from './setup';

const problem = (status: number, code: string, title: string) =>
  HttpResponse.json({ title, status, code, step: 'bff', traceId: 'test' }, { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('session in the page', () => {
  it('shows who is signed in, with their role and organisation, and only the menu their role allows', async () => {
    renderAt('/');
    const account = await screen.findByTestId('signed-in-user');
    expect(account).toHaveTextContent('Dr Nichole Gilbert');
    expect(account).toHaveTextContent('Clinician · Clinical Practitioner Access Role (R8000) · GP Connect Viewer');
    const menu = screen.getByRole('navigation', { name: 'Menu' });
    expect(
      within(menu)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Find a patient', 'Worklist', 'Organisations', 'Practitioners']);
    // AUTH_MODE=none: nobody to sign out.
    expect(screen.queryByTestId('sign-out')).not.toBeInTheDocument();
  });

  it('nobody signed in: the sign-in offer, returning to the page asked for, and nothing else', async () => {
    server.use(http.get('*/api/session', () => problem(401, 'NOT_SIGNED_IN', 'You are not signed in')));
    renderAt('/patients/9658218873/record/SUM?from=2020-01-01');
    const signIn = await screen.findByTestId('sign-in');
    expect(within(signIn).getByRole('link', { name: 'Sign in with NHS Care Identity' })).toHaveAttribute(
      'href',
      '/api/auth/login?returnTo=%2Fpatients%2F9658218873%2Frecord%2FSUM%3Ffrom%3D2020-01-01',
    );
    expect(screen.queryByTestId('patient-banner')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Menu' })).not.toBeInTheDocument();
  });

  it('a session that times out while a patient is open: the patient is gone from the page, and the user is told why', async () => {
    renderAt('/patients/9658218873');
    await screen.findByTestId('patient-banner');
    // From now on the BFF answers as it does for an idle session: the next call is refused, then nobody is signed in.
    server.use(
      http.get('*/api/patients/*', () => problem(401, 'SESSION_EXPIRED', 'You were signed out after 15 minutes without activity')),
      http.get('*/api/session', () => problem(401, 'NOT_SIGNED_IN', 'You are not signed in')),
    );
    screen.getByRole('button', { name: 'Trace again' }).click();
    expect(await screen.findByTestId('session-expired')).toHaveTextContent('You were signed out after 15 minutes without activity');
    await waitFor(() => expect(screen.queryByTestId('patient-banner')).not.toBeInTheDocument());
  });

  it('a sign-in that did not complete says why', async () => {
    server.use(http.get('*/api/session', () => problem(401, 'NOT_SIGNED_IN', 'You are not signed in')));
    renderAt('/sign-in?error=expired');
    expect(await screen.findByTestId('sign-in-error')).toHaveTextContent('The sign-in took too long, or was started in another tab');
  });

  it('a role that may not open record sections sees them listed, not linked', async () => {
    server.use(
      http.get('*/api/session', () =>
        HttpResponse.json({
          authMode: 'oidc',
          user: { id: '555021941104', name: 'Rita Lowe', role: 'administrative', roleName: 'Administrative', organisation: { odsCode: 'GPC001' } },
          permissions: ['patient:search', 'patient:register', 'directory:read'],
          csrfToken: 't',
          idleTimeoutSeconds: 900,
        }),
      ),
    );
    renderAt('/patients/9658218873');
    expect(await screen.findByTestId('no-record-access')).toHaveTextContent('Your role does not allow opening GP record sections');
    expect(within(screen.getByRole('navigation', { name: 'Record sections' })).queryAllByRole('link')).toEqual([]);
    expect(screen.getByTestId('sign-out')).toBeInTheDocument();
  });
});

describe('what each role lands on', () => {
  const session = (over: Record<string, unknown>) =>
    http.get('*/api/session', () =>
      HttpResponse.json({
        authMode: 'oidc',
        user: { id: '1', name: 'Someone', organisation: { odsCode: 'GPC001' } },
        permissions: [],
        csrfToken: 't',
        idleTimeoutSeconds: 900,
        ...over,
      }),
    );

  it('a privacy officer goes straight to the audit trail', async () => {
    server.use(
      session({
        user: { id: '555021943106', name: 'Priya Shah', role: 'privacy-officer', roleName: 'Privacy officer', organisation: { odsCode: 'GPC001' } },
        permissions: ['audit:read', 'directory:read'],
      }),
      http.get('*/api/audit', () => HttpResponse.json({ entries: [] })),
    );
    renderAt('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit trail' })).toBeInTheDocument();
    expect(await screen.findByTestId('audit-summary')).toHaveTextContent('No audit entries for everything');
  });

  it('a role this viewer does not know is told so, not shown a search it cannot use', async () => {
    server.use(
      session({
        user: { id: '555021945109', name: 'Owen Marsh', nationalRole: 'a role this viewer does not recognise (R8015)', organisation: { odsCode: 'GPC001' } },
      }),
    );
    renderAt('/');
    expect(await screen.findByTestId('nothing-allowed')).toHaveTextContent('There is nothing here for your role');
    expect(screen.queryByLabelText('NHS number')).not.toBeInTheDocument();
  });

  it('a user whose organisation is not set up for GP Connect is told at once, on every page', async () => {
    server.use(
      session({
        user: {
          id: '555021947101',
          name: 'Tom Reid',
          role: 'clinician',
          roleName: 'Clinician',
          organisation: { odsCode: 'RXX01', name: 'Elsewhere NHS Trust' },
        },
        restriction: 'Your organisation (Elsewhere NHS Trust, RXX01) is not set up to use GP Connect in this viewer.',
      }),
    );
    renderAt('/');
    expect(await screen.findByTestId('session-restriction')).toHaveTextContent('Elsewhere NHS Trust, RXX01');
    expect(screen.getByTestId('nothing-allowed')).toBeInTheDocument();
  });

  it('the audit page, for a role without it, says so and asks nothing', async () => {
    renderAt('/audit');
    expect(await screen.findByTestId('audit-not-allowed')).toHaveTextContent('Your role does not allow viewing the audit trail');
    expect(screen.queryByLabelText('NHS number')).not.toBeInTheDocument();
  });
});
