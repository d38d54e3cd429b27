/**
 * How long a browser may keep a file of the built SPA. Vite names what it builds by content hash
 * (`/assets/Name-AbCd1234.js`): such a file never changes under its name, so it is kept a year
 * without asking again. Anything else (the page itself, icons copied as they are, the service
 * worker) is checked each time, so a release is seen at once. `/api` stays `no-store` (R24).
 */
const HASHED_ASSET = /^\/assets\/[^/]+-[\w-]{8}\.[a-z0-9]+$/i;

export function staticCacheControl(path: string): string {
  return HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
