import { Link, useSearchParams } from 'react-router';
import { SignInPrompt } from '../../../components/SignIn';
import { useSession } from '../../../lib/session';

/** Where a sign-in that did not complete lands (?error=…), and where anyone can start one. */
export function SignInPage() {
  const [searchParams] = useSearchParams();
  const session = useSession();
  if (session.isSuccess && !searchParams.get('error')) {
    return (
      <>
        <h1>You are signed in</h1>
        <p>
          Signed in as {session.data.user.name}. <Link to="/">Continue</Link>
        </p>
      </>
    );
  }
  return <SignInPrompt error={searchParams.get('error')} />;
}

export function SignedOutPage() {
  return (
    <div data-testid="signed-out">
      <h1>You have signed out</h1>
      <p>Nothing about the patients you looked at is kept in this browser.</p>
      <a className="nhsuk-button nhsuk-button--secondary" href="/api/auth/login?returnTo=%2F">
        Sign in again
      </a>
    </div>
  );
}
