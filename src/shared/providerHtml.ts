/**
 * The allow-list for provider HTML (R22; GP Connect 0.7.4: accessrecord_development_html_implementation_guide): the elements a GP Connect
 * provider may use, and only class, id, colspan and rowspan. Shared by the BFF's sanitiser and
 * the SPA's second pass, so both sides enforce the same contract.
 */
export const ALLOWED_TAGS = [
  'div',
  'span',
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'small',
  'sub',
  'sup',
  'pre',
  'code',
  'blockquote',
] as const;

export const ALLOWED_ATTRIBUTES = ['class', 'id', 'colspan', 'rowspan'] as const;

/**
 * The only class names a provider's HTML may carry (GP Connect 0.7.4: accessrecord_development_html_implementation_guide): its banners and
 * columns. Any other class could borrow this page's own styles (e.g. pose as the patient banner).
 */
export const ALLOWED_CLASSES = ['content-banner', 'date-banner', 'exclusion-banner', 'gptransfer-banner', 'date-column', 'med-item-column'] as const;

/** Ids are the section table ids (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, e.g. prb-tab-act); any other id could collide with the page's own. */
export const ALLOWED_ID = /^[a-z]{3}-tab(-[a-z]+)*$/;

/** The class tokens and id an element may keep; the rest is removed (and counted by the caller). */
export function providerClassesAndId(attribs: { class?: string; id?: string }): { class?: string; id?: string; removed: number } {
  const tokens = (attribs.class ?? '').split(/\s+/).filter(Boolean);
  const kept = tokens.filter((t) => (ALLOWED_CLASSES as readonly string[]).includes(t));
  const idOk = attribs.id !== undefined && ALLOWED_ID.test(attribs.id);
  return {
    class: kept.length > 0 ? kept.join(' ') : undefined,
    id: idOk ? attribs.id : undefined,
    removed: tokens.length - kept.length + (attribs.id !== undefined && !idOk ? 1 : 0),
  };
}
