import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * The shape of the code, kept by lint (docs/decisions/010-the-house.md):
 * - a feature of the SPA never imports another feature (shared UI lives in src/app/components);
 * - the SPA never imports the BFF or the simulator; the BFF never imports the SPA;
 * - src/shared (the contract and the domain rules) imports nothing outside itself;
 * - the simulator never imports the BFF, and the BFF imports the simulator only from its Node entry;
 * - no import cycles; type-only imports say so.
 */
const features = readdirSync('src/app/features');
const featureZones = features.map((feature) => ({
  target: `./src/app/features/${feature}`,
  from: './src/app/features',
  except: [`./${feature}`],
  message: 'A feature does not import another feature: move what both need to src/app/components or src/app/lib.',
}));
const zones = [
  ...featureZones,
  { target: './src/app', from: ['./src/server', './mocks', './demo'], message: 'The SPA talks to the BFF over HTTP only (src/shared holds the contract).' },
  { target: './src/server', from: ['./src/app', './demo'], message: 'The BFF does not import the SPA.' },
  {
    target: './src/shared',
    from: ['./src/app', './src/server', './mocks', './demo', './test'],
    message: 'src/shared is the contract and the domain rules: it imports nothing outside itself.',
  },
  {
    target: './mocks',
    from: ['./src/server', './src/app', './demo'],
    message: "The simulator does not import the BFF: it keeps its own copy of the Spine's rules (mocks/README.md).",
  },
];
const simulatorOutsideNodeEntry = { target: './src/server', from: './mocks', message: 'Only the Node entry (src/server/node.ts) starts the simulated Spine.' };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/mockServiceWorker.js', 'test-results', 'playwright-report', 'reports'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      // Dependencies are read with the TypeScript parser too, so cycles through .ts files are seen.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...zones, simulatorOutsideNodeEntry] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/server/node.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    // The static demo runs the BFF in a browser: what needs Node's sockets or files is built by the Node entry only.
    files: ['src/server/**/*.ts', 'demo/**/*.ts'],
    ignores: ['src/server/node.ts', 'src/server/spine/sdsLdap.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'ldapts', message: 'SDS over LDAP lives in src/server/spine/sdsLdap.ts, built by src/server/node.ts only.' }],
          patterns: [
            {
              group: ['**/spine/sdsLdap', './sdsLdap', '**/tls', '../tls', './tls'],
              message: 'Node-only (LDAP, TLS files): built by src/server/node.ts, so the static demo can run the BFF in a browser.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }] },
  },
  {
    // Tests read free-form JSON payloads (FHIR examples, problem bodies).
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/app/**/*.{ts,tsx}', 'test/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Formatting is Prettier's (npm run format); lint does not argue with it.
  prettier,
);
