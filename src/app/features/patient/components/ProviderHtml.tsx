import { useLayoutEffect, useRef } from 'react';
import DOMPurify from 'dompurify';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, providerClassesAndId } from '../../../../shared/providerHtml';

/**
 * Provider HTML is untrusted (R22). The BFF has already sanitised it; this second pass with
 * DOMPurify against the same allow-list, under a CSP without inline scripts, is defence in depth.
 * DOMPurify hands back a DOM fragment that is inserted as it is (no second parse of a 2 MB string).
 */
export function ProviderHtml({ html }: { html: string }) {
  const container = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const target = container.current;
    if (!target) return;
    const fragment = DOMPurify.sanitize(html, {
      ALLOWED_TAGS: [...ALLOWED_TAGS],
      ALLOWED_ATTR: [...ALLOWED_ATTRIBUTES],
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
      RETURN_DOM_FRAGMENT: true,
    });
    // The same class and id rule as the BFF's (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, accessrecord_development_html_implementation_guide).
    for (const element of fragment.querySelectorAll('[class], [id]')) {
      const kept = providerClassesAndId({ class: element.getAttribute('class') ?? undefined, id: element.getAttribute('id') ?? undefined });
      if (kept.class) element.setAttribute('class', kept.class);
      else element.removeAttribute('class');
      if (kept.id) element.setAttribute('id', kept.id);
      else element.removeAttribute('id');
    }
    // A wide table scrolls on its own (its scrollbar right under it), and keyboard users can scroll it too.
    for (const table of fragment.querySelectorAll('table')) {
      const scroller = document.createElement('div');
      scroller.className = 'gpc-table-scroll';
      scroller.tabIndex = 0;
      scroller.setAttribute('role', 'region');
      scroller.setAttribute('aria-label', table.id ? `Table ${table.id}` : 'Table');
      table.replaceWith(scroller);
      scroller.append(table);
    }
    performance.mark('gpc:record-sanitised');
    target.replaceChildren(fragment);
    // After the browser has laid out and painted the record (read by `npm run bench`).
    const frame = requestAnimationFrame(() => setTimeout(() => performance.mark('gpc:record-rendered'), 0));
    return () => cancelAnimationFrame(frame);
  }, [html]);
  // A wide record scrolls sideways: as a focusable region, keyboard users can scroll it too.
  return <div className="gpc-record" data-testid="provider-html" ref={container} role="region" aria-label="GP system record" tabIndex={0} />;
}
