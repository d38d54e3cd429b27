/**
 * Both test projects: a test that makes anything write to console.error fails (React's warnings,
 * an unhandled request reaching MSW, a library's complaint), so a problem cannot hide in the log.
 * A test that expects an error is logged on purpose says so with `allowConsoleError()`.
 */
import { afterEach, beforeEach } from 'vitest';

const original = console.error;
let logged: unknown[][] = [];
let allowed = false;

/** For a test that provokes a console.error on purpose (say why at the call). */
export function allowConsoleError(): void {
  allowed = true;
}

beforeEach(() => {
  logged = [];
  allowed = false;
  console.error = (...args: unknown[]) => {
    logged.push(args);
    original(...args);
  };
});

afterEach(() => {
  console.error = original;
  if (logged.length > 0 && !allowed) {
    const first = logged[0].map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    throw new Error(`console.error was called ${logged.length} time(s) during this test; the first: ${first.slice(0, 500)}`);
  }
});
