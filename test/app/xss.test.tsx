/**
 * The XSS corpus (mocks/world/xss-vectors.ts, 56 vectors; R22): each vector through the BFF's
 * sanitiser and then the SPA's own allow-list pass (providerDom.ts) leaves only allow-listed elements and attributes,
 * no URL at all, and the visible text it carried.
 */
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { XSS_VECTORS } from '../../mocks/world/xss-vectors';
import { sanitiseProviderHtml } from '../../src/server/html/sanitise';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from '../../src/shared/providerHtml';
import { ProviderHtml } from '../../src/app/features/patient/components/ProviderHtml';
import { renderAt } from './render';

/** Vectors whose text sits in content a browser never shows (form controls, SVG): dropped, and counted. */
const TEXT_NOT_SHOWN = new Set([18, 19, 35]);

/** The page's own scroll wrapper around each table (ProviderHtml): fixed attributes, a class no provider may use. */
function isOwnWrapper(element: Element): boolean {
  return (
    element.className === 'gpc-table-scroll' &&
    [...element.attributes]
      .map((a) => a.name)
      .sort()
      .join() === 'aria-label,class,role,tabindex'
  );
}

function assertInert(root: Element, label: string) {
  for (const element of root.querySelectorAll('*')) {
    if (isOwnWrapper(element)) continue;
    expect(ALLOWED_TAGS as readonly string[], `${label}: <${element.localName}>`).toContain(element.localName);
    for (const attribute of element.attributes) expect(ALLOWED_ATTRIBUTES as readonly string[], `${label}: ${attribute.name}`).toContain(attribute.name);
  }
  // Anything left of the attack is text: inert, shown as written.
  for (const element of root.querySelectorAll('*'))
    for (const attribute of element.attributes) expect(attribute.value, label).not.toMatch(/javascript:|data:/i);
  // In the page, the only elements not from the provider are the wrappers, one per table.
  if (root.matches('[data-testid="provider-html"]'))
    expect(root.querySelectorAll('.gpc-table-scroll').length, `${label}: a wrapper for each table, no more`).toBe(root.querySelectorAll('table').length);
}

describe('XSS corpus', () => {
  it('has at least 50 vectors', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(XSS_VECTORS.map((v, i) => [i + 1, v] as const))('vector %i is neutralised by the BFF and again in the page', (n, vector) => {
    const server = sanitiseProviderHtml(`<div>${vector}</div>`);
    // Counted, unless the vector was a comment-like construct (e.g. CDATA) that a browser would not show either.
    if (server.html !== '<div></div>') expect(server.removedElements + server.removedAttributes, 'the removal is counted').toBeGreaterThan(0);
    const parsed = document.createElement('div');
    // Inspect the BFF's output as the browser would parse it, without running anything.
    parsed.innerHTML = server.html;
    assertInert(parsed, `BFF #${n}`);
    const { container, unmount } = render(<ProviderHtml html={server.html} />);
    const shown = container.querySelector('[data-testid="provider-html"]')!;
    assertInert(shown, `page #${n}`);
    if (vector.includes(`VECTOR ${n}`) && !TEXT_NOT_SHOWN.has(n)) expect(shown.textContent, `text of #${n}`).toContain(`VECTOR ${n}`);
    unmount();
  });

  it('the page alone (no BFF pass) also neutralises the raw corpus: defence in depth', () => {
    const { container } = render(<ProviderHtml html={XSS_VECTORS.map((v) => `<div>${v}</div>`).join('')} />);
    assertInert(container.querySelector('[data-testid="provider-html"]')!, 'raw corpus in the page');
  });

  it('a record with hostile markup says what was removed', async () => {
    renderAt('/patients/9690124889/record/ENC');
    expect(await screen.findByTestId('sanitiser-notice')).toHaveTextContent(/This viewer removed \d+ unsafe elements and \d+ unsafe attributes/);
    expect(screen.getByTestId('provider-html')).toHaveTextContent('VECTOR 24');
    // Vector 34's unclosed <style> swallows the rest: the clinician is told the section may be incomplete.
    expect(screen.getByTestId('sanitiser-truncated')).toHaveTextContent('Part of this section may be missing');
  });
});

describe("the page's own names are not the provider's to use", () => {
  it("the page pass keeps the contract's classes and table ids only, even if the BFF let others through", () => {
    render(
      <ProviderHtml
        html={
          '<div class="patient-banner content-banner" id="maincontent"><table id="prb-tab-act" class="nhsuk-u-visually-hidden"><tr><td class="date-column">x</td></tr></table></div>'
        }
      />,
    );
    const shown = screen.getByTestId('provider-html');
    expect(shown.innerHTML).toBe(
      '<div class="content-banner"><div class="gpc-table-scroll" tabindex="0" role="region" aria-label="Table prb-tab-act"><table id="prb-tab-act"><tbody><tr><td class="date-column">x</td></tr></tbody></table></div></div>',
    );
  });
});
