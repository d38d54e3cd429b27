// Bundles the BFF (and the simulated Spine it starts in mock mode) for `npm start`.
// Node 20 cannot run .ts directly; packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server/node.ts'],
  outfile: 'dist/server/node.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built dist/server/node.js');
