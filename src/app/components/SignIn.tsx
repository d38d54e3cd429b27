import { useLocation } from 'react-router';

/** Why a sign-in did not complete (the BFF's callback sends ?error=…), in words. */
const SIGN_IN_ERRORS: Record<string, string> = {
  expired: 'The sign-in took too long, or was started in another tab. Start it again.',
  refused: 'The sign-in was cancelled, or NHS Care Identity refused it.',
  claims:
    'NHS Care Identity did not say which role and organisation you signed in with. Sign in again and choose a role, or contact your registration authority.',
  failed: 'The sign-in could not be completed. Try again; if it happens again, contact support.',
  unavailable: 'NHS Care Identity could not be reached, or the sign-in could not be recorded in the audit trail. Try again in a few minutes.',
};

/**
 * Offered wherever the BFF says nobody is signed in (401): sign in with NHS Care Identity, and
 * come back to the page asked for.
 */
export function SignInPrompt({ expired, error }: { expired?: boolean; error?: string | null }) {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const returnTo = here.startsWith('/sign-in') || here.startsWith('/signed-out') ? '/' : here;
  return (
    <div className="sign-in" data-testid="sign-in">
      <h1>Sign in</h1>
      {expired && (
        <div className="nhsuk-inset-text" data-testid="session-expired">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>You were signed out after 15 minutes without activity. Nothing you were looking at has been kept.</p>
        </div>
      )}
      {error && (
        <div className="nhsuk-error-summary" role="alert" aria-labelledby="sign-in-error-title" tabIndex={-1} data-testid="sign-in-error">
          <h2 className="nhsuk-error-summary__title" id="sign-in-error-title">
            You are not signed in
          </h2>
          <div className="nhsuk-error-summary__body">
            <p>{SIGN_IN_ERRORS[error] ?? SIGN_IN_ERRORS.failed}</p>
          </div>
        </div>
      )}
      <p>GP records are shown only to signed-in staff with a role that allows it. Every access is recorded.</p>
      <a className="nhsuk-button" href={`/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`} data-testid="sign-in-button">
        Sign in with NHS Care Identity
      </a>
    </div>
  );
}
