/** Characters in text that no person types: the checks behind "bad input is refused", without regular expressions of control characters. */

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Whether the code unit at `i` is half of a surrogate pair standing alone (not valid Unicode). */
export function isLoneSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isHigh(c)) return !(i + 1 < text.length && isLow(text.charCodeAt(i + 1)));
  if (isLow(c)) return !(i > 0 && isHigh(text.charCodeAt(i - 1)));
  return false;
}

/** A control character (C0, DEL, C1) or a lone surrogate: nothing a person could have typed into a name or an address. */
export function hasUntypedCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || isLoneSurrogate(text, i)) return true;
  }
  return false;
}
