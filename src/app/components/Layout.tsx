import { Link, NavLink, Outlet, useLocation, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryOptions } from '@tanstack/react-query';
import type { Permission } from '../../shared/access';
import type { Session } from '../../shared/api';
import { lastUnauthorisedCode, statusOf, useSession } from '../lib/session';
import { SignInPrompt } from './SignIn';
import { WarningCallout } from './WarningCallout';
export const healthQuery = queryOptions({
  queryKey: ['health'],
  // The contract (zod) is loaded on demand, so the search page's first JavaScript stays small.
  queryFn: async ({ signal }) => {
    const [{ apiGet }, { HealthSchema }] = await Promise.all([import('../lib/api'), import('../../shared/api')]);
    return apiGet('/api/health', HealthSchema, signal);
  },
  staleTime: Infinity,
});

const NAVIGATION: { to: string; label: string; permission: Permission }[] = [
  { to: '/', label: 'Find a patient', permission: 'patient:search' },
  { to: '/worklist', label: 'Worklist', permission: 'patient:search' },
  { to: '/organisations', label: 'Organisations', permission: 'directory:read' },
  { to: '/practitioners', label: 'Practitioners', permission: 'directory:read' },
  { to: '/audit', label: 'Audit', permission: 'audit:read' },
];

/** Pages shown whoever is (or is not) signed in. */
const OPEN_PAGES = ['/sign-in', '/signed-out'];

async function signOut(): Promise<string> {
  const [{ apiPost }, { SignOutSchema }] = await Promise.all([import('../lib/api'), import('../../shared/api')]);
  return (await apiPost('/api/auth/logout', {}, SignOutSchema)).redirectTo;
}

/** The signed-in user, their role and organisation, and sign-out (NHS.UK header account area). */
function Account({ session }: { session: Session }) {
  const queryClient = useQueryClient();
  const signingOut = useMutation({
    mutationFn: signOut,
    onSuccess: (redirectTo) => {
      // Nothing fetched under this session stays in the page.
      queryClient.clear();
      window.location.assign(redirectTo);
    },
  });
  const { user } = session;
  return (
    <nav className="nhsuk-header__account" aria-label="Account">
      <ul className="nhsuk-header__account-list">
        <li className="nhsuk-header__account-item account__user" data-testid="signed-in-user">
          <span className="account__name">{user.name}</span>
          <span className="account__role">
            {[user.roleName ?? 'No role in this viewer', user.nationalRole, user.organisation.name ?? user.organisation.odsCode].filter(Boolean).join(' · ')}
          </span>
        </li>
        {session.authMode === 'oidc' && (
          <li className="nhsuk-header__account-item">
            <button
              type="button"
              className="nhsuk-header__account-button"
              onClick={() => signingOut.mutate()}
              disabled={signingOut.isPending}
              data-testid="sign-out"
            >
              {signingOut.isPending ? 'Signing out…' : 'Sign out'}
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}

/**
 * While the session is being checked: the account area and the menu bar at the size they will
 * have, unseen, so the page does not jump down when they arrive (the header's
 * growth was the largest layout shift measured on every page).
 */
function AccountPlaceholder() {
  return (
    <div className="nhsuk-header__account reserved-space" aria-hidden="true">
      <ul className="nhsuk-header__account-list">
        <li className="nhsuk-header__account-item account__user">
          <span className="account__name">&nbsp;</span>
          {/* About as long as a role line (role · national role · organisation), which wraps on a narrow screen. */}
          <span className="account__role">{'x'.repeat(64)}</span>
        </li>
        <li className="nhsuk-header__account-item">
          <span className="nhsuk-header__account-button">Sign out</span>
        </li>
      </ul>
    </div>
  );
}

function MenuPlaceholder() {
  return (
    <div className="nhsuk-header__navigation reserved-space" aria-hidden="true">
      <div className="nhsuk-header__navigation-container nhsuk-width-container">
        <ul className="nhsuk-header__navigation-list">
          <li className="nhsuk-header__navigation-item">
            <span className="nhsuk-header__navigation-link">&nbsp;</span>
          </li>
        </ul>
      </div>
    </div>
  );
}

/** The page, once we know who is asking: sign-in where nobody is, the route otherwise. */
function Main() {
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const session = useSession();
  if (OPEN_PAGES.includes(location.pathname)) return <Outlet />;
  if (session.isPending) {
    return (
      <p className="nhsuk-body" role="status">
        Checking your sign-in…
      </p>
    );
  }
  if (session.isError) {
    if (statusOf(session.error) === 401) {
      const code = (session.error as { problem?: { code?: string } }).problem?.code;
      return <SignInPrompt expired={code === 'SESSION_EXPIRED' || lastUnauthorisedCode() === 'SESSION_EXPIRED'} error={searchParams.get('error')} />;
    }
    return (
      <div className="nhsuk-error-summary" role="alert" tabIndex={-1} data-testid="session-problem">
        <h2 className="nhsuk-error-summary__title">This viewer could not check your sign-in</h2>
        <div className="nhsuk-error-summary__body">
          <p>{session.error instanceof Error ? session.error.message : 'Try again in a minute.'}</p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void session.refetch()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      {session.data.restriction && (
        <WarningCallout title="Not set up for GP Connect" testId="session-restriction">
          <p>{session.data.restriction}</p>
        </WarningCallout>
      )}
      <Outlet />
    </>
  );
}

/** NHS.UK header and footer around every page; mock mode is marked "Simulated Spine" everywhere. */
export function Layout() {
  const location = useLocation();
  const health = useQuery(healthQuery);
  const session = useSession();
  const simulated = health.data?.mode === 'mock';
  const allowed = NAVIGATION.filter((item) => session.data?.permissions.includes(item.permission));
  // Space for the account area and menu while the session is checked (not on the open pages, which have neither).
  const holdingHeader = session.isPending && !OPEN_PAGES.includes(location.pathname);
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link className="nhsuk-header__service-logo" to="/" aria-label="GP Connect Viewer homepage">
              <svg
                className="nhsuk-header__logo"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 200 80"
                height="40"
                width="100"
                focusable="false"
                role="img"
                aria-label="NHS"
              >
                <title>NHS</title>
                <path
                  fill="currentcolor"
                  d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
                />
              </svg>
              <span className="nhsuk-header__service-name">GP Connect Viewer</span>
            </Link>
          </div>
          {session.data && <Account session={session.data} />}
          {holdingHeader && <AccountPlaceholder />}
          {simulated && (
            <Link to="/simulated-spine" className="simulated-tag" aria-label="Simulated Spine: test patients and controls">
              <strong className="nhsuk-tag nhsuk-tag--orange" data-testid="simulated-spine">
                Simulated Spine
              </strong>
            </Link>
          )}
        </div>
        {holdingHeader && <MenuPlaceholder />}
        {allowed.length > 0 && (
          <nav className="nhsuk-header__navigation" aria-label="Menu">
            <div className="nhsuk-header__navigation-container nhsuk-width-container">
              <ul className="nhsuk-header__navigation-list">
                {allowed.map((item) => (
                  <li className="nhsuk-header__navigation-item" key={item.to}>
                    <NavLink className="nhsuk-header__navigation-link" to={item.to} end={item.to === '/'}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        )}
      </header>
      <div className="nhsuk-width-container page-body">
        <main className="nhsuk-main-wrapper" id="maincontent" role="main">
          <Main />
        </main>
      </div>
      <footer role="contentinfo" className="nhsuk-footer">
        <div className="nhsuk-width-container nhsuk-footer__container">
          <p className="nhsuk-body-s">
            GP Connect Viewer. {simulated ? 'Running on a simulated Spine: no real patient data.' : 'Connected to the NHS Spine.'}{' '}
            <Link to="/support">Support: your recent requests and their trace IDs</Link>
          </p>
        </div>
      </footer>
    </>
  );
}
