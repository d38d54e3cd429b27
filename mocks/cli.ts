/**
 * `npm run mock:spine`: the simulated Spine as a real server. HTTPS with mutual TLS by default
 * (test certificates are made under .data/certs on first run); MOCK_SPINE_TLS=off for plain HTTP.
 * Latency and faults come from MOCK_LATENCY / MOCK_FAULTS as in `npm start`.
 */
import { controlFromEnv } from './control';
import { ensureTestCertificates } from './certs';
import { liveEnvFor, startSpineServer } from './server';

const port = Number(process.env.MOCK_SPINE_PORT ?? 8443);
const tls = process.env.MOCK_SPINE_TLS !== 'off';
const control = controlFromEnv({ MOCK_LATENCY: 'none', ...process.env });
const certificates = tls ? await ensureTestCertificates(process.env.MOCK_SPINE_CERTS ?? '.data/certs') : undefined;
// The viewer this serves sign-in for (its simulated CIS2 redirects there): `npm run serve`'s default.
const appUrl = process.env.MOCK_SPINE_APP_URL ?? 'http://localhost:8080';
const running = await startSpineServer({ port, host: process.env.MOCK_SPINE_HOST ?? '127.0.0.1', certificates, control, appUrls: [appUrl] });

console.log(`Simulated Spine on ${running.origin} (${tls ? 'HTTPS, mutual TLS' : 'plain HTTP'}), with the simulated NHS CIS2 for a viewer at ${appUrl}`);
console.log('Run the BFF against it in live configuration with:');
const env = { ...liveEnvFor(running, certificates), PUBLIC_URL: appUrl };
console.log(
  `  ${Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' \\\n  ')} \\\n  npm run serve`,
);
if (certificates) {
  console.log(
    `Try it with curl:\n  curl --cacert ${certificates.caCert} --cert ${certificates.clientCert} --key ${certificates.clientKey} -H "X-Request-ID: $(cat /proc/sys/kernel/random/uuid)" ${running.spine.pdsBaseUrl}/Patient/9658218873`,
  );
}
