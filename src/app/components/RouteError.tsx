import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import type { Problem } from '../../shared/api';
import { ProblemView } from './ProblemView';

/** A page's code that did not arrive (a new release replaced it, or the network dropped): the browsers' words for it. */
const CHUNK_FAILED = /dynamically imported module|Importing a module script failed|Failed to fetch|error loading dynamically imported module/i;

function problemOf(error: unknown): { heading: string; problem: Problem } {
  const base = { status: 0, code: 'CLIENT_ERROR', step: 'bff' as const, traceId: 'none' };
  if (isRouteErrorResponse(error)) {
    return {
      heading: 'Page not found',
      problem: {
        ...base,
        status: error.status,
        title: 'This page does not exist',
        detail: `${error.status} ${error.statusText}`.trim(),
        action: 'Check the address, or start a new search.',
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (CHUNK_FAILED.test(message) || (error instanceof Error && error.name === 'ChunkLoadError')) {
    return {
      heading: 'This page could not be loaded',
      problem: {
        ...base,
        title: "This page's code could not be loaded",
        detail: message,
        action: 'Reload the page. If the viewer was just updated, reloading fetches the new version. Nothing about the patient has been shown or kept.',
      },
    };
  }
  return {
    heading: 'This page could not be shown',
    problem: {
      ...base,
      title: 'Something went wrong while showing this page',
      detail: message,
      action: 'Reload the page and try again. If it happens again, contact support and say what you were doing.',
    },
  };
}

/**
 * What a route shows instead of a blank screen when its page fails to render or its code fails
 * to load: the problem, as every other problem is shown, and a way on.
 */
export function RouteError() {
  const { heading, problem } = problemOf(useRouteError());
  return (
    <div data-testid="route-error">
      <h1>{heading}</h1>
      <ProblemView problem={problem} />
      <p>
        <a href={typeof window === 'undefined' ? '/' : window.location.href}>Reload the page</a> or <Link to="/">find a patient</Link>.
      </p>
    </div>
  );
}
