/**
 * The allow-list for provider HTML (R22; spec/gpconnect.md §4.4): the elements a GP Connect
 * provider may use, and only class, id, colspan and rowspan. Shared by the BFF's sanitiser and
 * the SPA's second pass, so both sides enforce the same contract.
 */
export const ALLOWED_TAGS = [
  'div', 'span', 'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'b', 'strong', 'i', 'em', 'u', 'small', 'sub', 'sup', 'pre', 'code', 'blockquote',
] as const;

export const ALLOWED_ATTRIBUTES = ['class', 'id', 'colspan', 'rowspan'] as const;
