import { useLayoutEffect, useRef } from 'react';
import { alignContinuedTables, allowListedFragment, wrapTables } from './providerDom';

/**
 * Provider HTML is untrusted (R22). The BFF has already sanitised it; this second pass against
 * the same allow-list (providerDom.ts), under a CSP without inline scripts, is defence in depth.
 * The checked nodes are inserted as they are (no second parse of a 2 MB string).
 */
export function ProviderHtml({ html }: { html: string }) {
  const container = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const target = container.current;
    if (!target) return;
    const fragment = allowListedFragment(html);
    wrapTables(fragment);
    performance.mark('gpc:record-sanitised');
    target.replaceChildren(fragment);
    alignContinuedTables(target);
    // After the browser has laid out and painted the record (read by `npm run bench`).
    const frame = requestAnimationFrame(() => setTimeout(() => performance.mark('gpc:record-rendered'), 0));
    return () => cancelAnimationFrame(frame);
  }, [html]);
  // A wide record scrolls sideways: as a focusable region, keyboard users can scroll it too.
  return <div className="gpc-record" data-testid="provider-html" ref={container} role="region" aria-label="GP system record" tabIndex={0} />;
}
