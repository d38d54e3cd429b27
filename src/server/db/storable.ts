/**
 * Text PostgreSQL can store. It refuses a NUL character in text and jsonb, and a lone surrogate
 * (half a UTF-16 pair) in jsonb. What a user typed, or a provider sent, is kept as written but
 * with those characters escaped (`\u0000`), so a bad input is recorded rather than becoming an
 * outage (the audit would otherwise refuse the row, and withhold the answer).
 */
import { isLoneSurrogate } from '../../shared/text';

export function storableText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c === 0 || isLoneSurrogate(text, i) ? `\\u${c.toString(16).padStart(4, '0')}` : text[i];
  }
  return out;
}

/** The same for every string (keys too) inside a value that is stored as JSON. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storable(v)])) as T;
  return value;
}
