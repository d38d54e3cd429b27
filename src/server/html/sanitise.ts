/**
 * Server-side sanitising of provider HTML (R22) with sanitize-html (htmlparser2, no DOM: fast and
 * leak-free on Node, see docs/architecture.md). Disallowed elements are unwrapped, keeping their text;
 * only script/style-like content is dropped, and everything removed is counted so it can be
 * logged and reported (text is never dropped silently).
 */
import sanitizeHtml from 'sanitize-html';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, providerClassesAndId } from '../../shared/providerHtml';

export interface SanitiseResult {
  html: string;
  removedElements: number;
  removedAttributes: number;
  /** Element names removed, e.g. { script: 2, img: 1 }. */
  removedTags: Record<string, number>;
  /**
   * Elements whose content is dropped (script, style, …) that were opened and never closed:
   * everything after them is lost, so the clinician must be told the section is incomplete.
   */
  unterminated: string[];
}

const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'iframe', 'object', 'embed', 'svg', 'math'];

const allowedTags = new Set<string>(ALLOWED_TAGS);
const allowedAttributes = new Set<string>(ALLOWED_ATTRIBUTES);

export function sanitiseProviderHtml(html: string): SanitiseResult {
  const removedTags: Record<string, number> = {};
  let removedElements = 0;
  let removedAttributes = 0;
  const clean = sanitizeHtml(html, {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: { '*': [...ALLOWED_ATTRIBUTES] },
    allowedSchemes: [],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    // Only the contract's class names and table ids survive (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, accessrecord_development_html_implementation_guide).
    transformTags: {
      '*': (tagName, attribs) => {
        const { class: className, id } = providerClassesAndId(attribs);
        const allowed: Record<string, string | undefined> = { class: className, id };
        // In their original order; a class or id with nothing left to keep goes.
        const kept = Object.entries(attribs).flatMap(([name, value]) =>
          name === 'class' || name === 'id' ? (allowed[name] ? [[name, allowed[name]]] : []) : [[name, value]],
        );
        return { tagName, attribs: Object.fromEntries(kept) };
      },
    },
    onOpenTag(name, attribs) {
      if (!allowedTags.has(name)) {
        removedElements++;
        removedTags[name] = (removedTags[name] ?? 0) + 1;
        return;
      }
      for (const attr of Object.keys(attribs)) if (!allowedAttributes.has(attr)) removedAttributes++;
      removedAttributes += providerClassesAndId(attribs).removed;
    },
  });
  return { html: clean, removedElements, removedAttributes, removedTags, unterminated: unterminatedIn(html, removedTags) };
}

/** Non-text elements opened more often than closed (a cheap count; only run when one was removed). */
function unterminatedIn(html: string, removedTags: Record<string, number>): string[] {
  return NON_TEXT_TAGS.filter((tag) => {
    if (!removedTags[tag]) return false;
    const opened = html.match(new RegExp(`<${tag}[\\s/>]`, 'gi'))?.length ?? 0;
    const closed = html.match(new RegExp(`</${tag}\\s*>`, 'gi'))?.length ?? 0;
    return opened > closed;
  });
}
