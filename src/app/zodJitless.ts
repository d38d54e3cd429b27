/**
 * Imported first by main.tsx. The page's CSP has no 'unsafe-eval', and zod probes `new Function`
 * for its fast object parser as each object schema is built, which the browser reports as a CSP
 * violation. zod reads its settings from this global, shared by every copy of zod in the page
 * (zod/v4/core/core.js), so it is set before zod loads, without loading zod: the contract stays
 * out of the first route's JavaScript, loaded on demand.
 */
const shared = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
shared.__zod_globalConfig = { ...shared.__zod_globalConfig, jitless: true };

export {};
