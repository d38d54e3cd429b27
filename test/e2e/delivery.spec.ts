/**
 * How the built app is delivered (issue 15, target 7; decision 014): static files precompressed
 * (brotli, gzip) at build time, hashed assets kept a year and immutable, the page itself
 * revalidated, and /api never stored (R24); JSON is compressed by nginx in front (cluster tests).
 */
import { expect, test } from './page-errors';

test('hashed assets: brotli or gzip as the browser asks, the same bytes as the file, immutable for a year; the page itself revalidated', async ({
  request,
}) => {
  const shell = await request.get('/', { headers: { 'Accept-Encoding': 'identity' } });
  expect(shell.headers()['cache-control']).toBe('no-cache');
  const script = (await shell.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  expect(script, 'the page loads a hashed script').toBeTruthy();

  const plain = await request.get(script!, { headers: { 'Accept-Encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect(plain.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const original = await plain.body();

  for (const encoding of ['br', 'gzip']) {
    const compressed = await request.get(script!, { headers: { 'Accept-Encoding': encoding } });
    expect(compressed.headers()['content-encoding'], encoding).toBe(encoding);
    expect(compressed.headers()['vary']).toContain('Accept-Encoding');
    expect(Number(compressed.headers()['content-length'])).toBeLessThan(original.length / 2);
    // Playwright decodes the answer: what arrives is the file itself.
    expect((await compressed.body()).equals(original), encoding).toBe(true);
  }
  const brotli = Number((await request.get(script!, { headers: { 'Accept-Encoding': 'gzip, br' } })).headers()['content-length']);
  const gzip = Number((await request.get(script!, { headers: { 'Accept-Encoding': 'gzip' } })).headers()['content-length']);
  expect(brotli).toBeLessThan(gzip);
});

test('an /api answer is never stored, and the instance leaves its compression to the load balancer (decision 014)', async ({ page }) => {
  // The signed-in page's own cookies.
  const section = await page.request.get('/api/patients/9658218873/record/SUM', { headers: { 'Accept-Encoding': 'gzip, br' } });
  expect(section.status()).toBe(200);
  expect(section.headers()['cache-control']).toBe('no-store');
  expect(section.headers()['content-encoding']).toBeUndefined();
  expect((await section.json()).html).toContain('<h1>Summary</h1>');
});
