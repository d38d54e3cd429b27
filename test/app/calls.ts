import { onTestFinished } from 'vitest';
import { server } from './setup';

/** Records the requests whose URL contains `part` (a Spine host, or a BFF path) during a test. */
export function callsTo(part: string) {
  const calls: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.url.includes(part)) calls.push(request.url);
  };
  server.events.on('request:start', listener);
  onTestFinished(() => {
    server.events.removeListener('request:start', listener);
  });
  return calls;
}
