import { describe, expect, it } from 'vitest';
import { sanitiseProviderHtml } from '../../src/server/html/sanitise';

describe('provider HTML sanitiser (R22)', () => {
  it('keeps the provider contract: headings, banners, tables with ids, classes and spans', () => {
    const html =
      '<div><h1>Summary</h1><div class="date-banner"><p>All relevant items</p></div><table id="enc-tab"><tr><td class="date-column" colspan="2" rowspan="1">05-Jan-2018</td></tr></table></div>';
    const result = sanitiseProviderHtml(html);
    expect(result.html).toContain('<table id="enc-tab">');
    expect(result.html).toContain('<td class="date-column" colspan="2" rowspan="1">05-Jan-2018</td>');
    expect(result.removedElements).toBe(0);
    expect(result.removedAttributes).toBe(0);
  });

  it('removes scripts, event handlers, styles, links and URLs, and counts them', () => {
    const html =
      '<div onclick="steal()"><script>alert(1)</script><style>body{}</style><a href="javascript:alert(2)">link text</a><img src=x onerror=alert(3)><iframe src="https://evil"></iframe><p style="color:red">kept text</p></div>';
    const result = sanitiseProviderHtml(html);
    expect(result.html).not.toMatch(/script|onclick|onerror|javascript:|style|iframe|<img|<a /i);
    expect(result.html).toContain('kept text');
    expect(result.html).toContain('link text');
    expect(result.removedTags).toMatchObject({ script: 1, style: 1, a: 1, img: 1, iframe: 1 });
    expect(result.removedAttributes).toBeGreaterThanOrEqual(2);
  });

  it('keeps the text of unknown wrapping elements (text is never dropped silently)', () => {
    const result = sanitiseProviderHtml('<section><article>Penicillin allergy</article></section>');
    expect(result.html).toBe('Penicillin allergy');
    expect(result.removedElements).toBe(2);
  });

  it('says when an unclosed <style> or <script> swallowed the rest of the section', () => {
    const cut = sanitiseProviderHtml('<h1>Medications</h1><p>Before</p><style>p{}<p>After: aspirin 75 mg</p>');
    expect(cut.html).not.toContain('aspirin');
    expect(cut.unterminated).toEqual(['style']);
    const closed = sanitiseProviderHtml('<p>Before</p><style>p{}</style><script>x()</script><p>After</p>');
    expect(closed.html).toContain('After');
    expect(closed.unterminated).toEqual([]);
  });
});

describe('class names and ids from the provider contract only (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, accessrecord_development_html_implementation_guide)', () => {
  it('keeps the banner and column classes and the section table ids', () => {
    const html =
      '<div class="gptransfer-banner">t</div><table id="med-tab-curr-rep"><tr><td class="date-column">01-Jan-2020</td><td class="med-item-column" colspan="2">x</td></tr></table>';
    const result = sanitiseProviderHtml(html);
    expect(result.html).toBe(html);
    expect(result.removedAttributes).toBe(0);
  });

  it("removes a class or id that could pose as, or collide with, the page's own, and counts it", () => {
    const result = sanitiseProviderHtml(
      '<div class="patient-banner nhsuk-u-visually-hidden content-banner" id="maincontent"><p id="problem-title">Asthma</p></div>',
    );
    expect(result.html).toBe('<div class="content-banner"><p>Asthma</p></div>');
    expect(result.removedAttributes).toBe(4);
  });
});
