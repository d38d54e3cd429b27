import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, providerClassesAndId } from '../../../../shared/providerHtml';

const TAGS = new Set<string>(ALLOWED_TAGS);
const ATTRIBUTES = new Set<string>(ALLOWED_ATTRIBUTES);
const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/**
 * The page's second pass over provider HTML (R22), after the BFF's sanitiser: the browser's own
 * parser reads it into an inert template (no script runs, nothing loads), and a walk keeps only
 * the allow-list the BFF enforces: HTML elements from ALLOWED_TAGS (anything else goes, with what
 * is inside it), the four attributes, and the contract's classes and ids. Nothing carries a URL or
 * a style. The nodes are then moved into the page as they are, never serialised and parsed again,
 * so there is no mutation between check and use. (docs/decisions/016: DOMPurify did the same job
 * in 2–3 s on a 2 MB record; this walk takes about 0.1 s.)
 */
export function allowListedFragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  const fragment = template.content;
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION);
  const removed: ChildNode[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element;
    if (node.nodeType !== Node.ELEMENT_NODE || element.namespaceURI !== HTML_NAMESPACE || !TAGS.has(element.localName)) {
      removed.push(element);
      continue;
    }
    for (const name of element.getAttributeNames()) if (!ATTRIBUTES.has(name)) element.removeAttribute(name);
    if (element.hasAttribute('class') || element.hasAttribute('id')) {
      // The same class and id rule as the BFF's (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, accessrecord_development_html_implementation_guide).
      const kept = providerClassesAndId({ class: element.getAttribute('class') ?? undefined, id: element.getAttribute('id') ?? undefined });
      if (kept.class) element.setAttribute('class', kept.class);
      else element.removeAttribute('class');
      if (kept.id) element.setAttribute('id', kept.id);
      else element.removeAttribute('id');
    }
  }
  // Removed after the walk (a walker whose current node leaves the tree would stop); an element
  // inside a removed one goes with it.
  for (const node of removed) node.remove();
  return fragment;
}

/** Rows per part of a long table: one part is laid out only when it is near the screen. */
export const ROWS_PER_PART = 500;

/**
 * Each table in a scroll region of its own (its scrollbar right under it; keyboard users can
 * scroll it too). A table body longer than ROWS_PER_PART rows continues in further tables of that
 * many rows, each with the header repeated, in parts the browser lays out only near the screen
 * (`content-visibility: auto`; printed in full). Every row stays in the page, in its order, for
 * find-in-page and print (R21); a 13,500-row table is no longer laid out whole before the first
 * screen (docs/decisions/016).
 */
export function wrapTables(fragment: DocumentFragment): void {
  for (const table of fragment.querySelectorAll('table')) {
    const scroller = document.createElement('div');
    scroller.className = 'gpc-table-scroll';
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', table.id ? `Table ${table.id}` : 'Table');
    table.replaceWith(scroller);
    scroller.append(table, ...continuationParts(table));
  }
}

function continuationParts(table: HTMLTableElement): HTMLElement[] {
  const body = table.tBodies.length === 1 ? table.tBodies[0] : undefined;
  // A table with a footer, several bodies or rows that span parts is left whole.
  if (!body || table.tFoot || body.rows.length <= ROWS_PER_PART || body.querySelector('[rowspan]')) return [];
  const rows = [...body.rows];
  const parts: HTMLElement[] = [];
  for (let start = ROWS_PER_PART; start < rows.length; start += ROWS_PER_PART) {
    const part = document.createElement('div');
    part.className = 'gpc-table-part';
    const continuation = document.createElement('table');
    continuation.className = 'gpc-table-continued';
    const end = Math.min(start + ROWS_PER_PART, rows.length);
    continuation.setAttribute('aria-label', `${table.id ? `Table ${table.id}` : 'Table'}, continued: rows ${start + 1} to ${end} of ${rows.length}`);
    if (table.tHead) continuation.append(table.tHead.cloneNode(true));
    const continuedBody = document.createElement('tbody');
    continuedBody.append(...rows.slice(start, end));
    continuation.append(continuedBody);
    part.append(continuation);
    parts.push(part);
  }
  return parts;
}

/**
 * Once the first part of a long table is laid out: the continued tables take its column widths
 * (as shares of the width, so they hold on resize and in print), and each part reserves about its
 * height until it is laid out, so the scrollbar does not jump.
 */
export function alignContinuedTables(root: HTMLElement): void {
  for (const scroller of root.querySelectorAll<HTMLElement>('.gpc-table-scroll')) {
    const [first, ...continued] = scroller.querySelectorAll<HTMLTableElement>(':scope > table, :scope > .gpc-table-part > table');
    if (!first || continued.length === 0) continue;
    const widths = [...(first.tBodies[0]?.rows[0]?.cells ?? [])].map((cell) => cell.getBoundingClientRect().width);
    const total = first.getBoundingClientRect().width;
    const rowHeight = first.tBodies[0].getBoundingClientRect().height / first.tBodies[0].rows.length;
    for (const table of continued) {
      if (total > 0 && widths.length > 0) {
        const columns = document.createElement('colgroup');
        for (const width of widths) {
          const column = document.createElement('col');
          column.style.width = `${(width / total) * 100}%`;
          columns.append(column);
        }
        table.prepend(columns);
      }
      const part = table.parentElement!;
      if (rowHeight > 0) part.style.containIntrinsicSize = `auto ${Math.round(rowHeight * (table.tBodies[0].rows.length + 1))}px`;
    }
  }
}
