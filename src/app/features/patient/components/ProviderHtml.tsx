import { useEffect, useMemo } from 'react';
import DOMPurify from 'dompurify';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from '../../../../shared/providerHtml';

/**
 * Provider HTML is untrusted (R22). The BFF has already sanitised it; this second pass with
 * DOMPurify against the same allow-list, under a CSP without inline scripts, is defence in depth.
 */
export function ProviderHtml({ html }: { html: string }) {
  const clean = useMemo(
    () =>
      DOMPurify.sanitize(html, {
        ALLOWED_TAGS: [...ALLOWED_TAGS],
        ALLOWED_ATTR: [...ALLOWED_ATTRIBUTES],
        ALLOW_DATA_ATTR: false,
        ALLOW_ARIA_ATTR: false,
      }),
    [html],
  );
  useEffect(() => {
    // After the browser has laid out and painted the record (read by `npm run bench`).
    const frame = requestAnimationFrame(() => setTimeout(() => performance.mark('gpc:record-rendered'), 0));
    return () => cancelAnimationFrame(frame);
  }, [clean]);
  return <div className="gpc-record" data-testid="provider-html" dangerouslySetInnerHTML={{ __html: clean }} />;
}
