// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of the built SPA, once
// at build time, so the server sends them as they are (serveStatic `precompressed`) and spends no
// CPU per request (issue 15: text compression). Files under 1 KB are not worth it.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist/client';
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|wasm|map)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(name)) yield path;
  }
}

let raw = 0;
let br = 0;
let count = 0;
for (const path of files(root)) {
  const data = readFileSync(path);
  if (data.length < 1024) continue;
  const brotli = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  raw += data.length;
  br += brotli.length;
  count++;
}
console.log(`precompressed ${count} files in ${root}: ${Math.round(raw / 1024)} KiB → ${Math.round(br / 1024)} KiB brotli`);
