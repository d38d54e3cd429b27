/**
 * A real OpenLDAP slapd (Debian's) serving the simulated SDS over LDAPS with mutual TLS (R33), for one
 * test file: a temporary folder with slapd.conf, the NHS schema (mocks/ldap/nhs-sds.schema), the data
 * (mocks/ldap/ldif.ts) loaded with slapadd, and certificates from mocks/certs.ts plus a client
 * certificate no CA signed. Stopped, paused and resumed by signal; the folder is removed afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { generate } from 'selfsigned';
import { ensureTestCertificates, type CertificatePaths } from '../../mocks/certs';
import { freePort } from './net';

const SBIN = '/usr/sbin';
const SCHEMA = join(import.meta.dirname, '../../mocks/ldap/nhs-sds.schema');

export interface SlapdCertificates extends CertificatePaths {
  /** A client certificate signed by no CA slapd trusts. */
  wrongClientCert: string;
  wrongClientKey: string;
}

export interface RunningSlapd {
  url: string;
  certs: SlapdCertificates;
  /** The CA, client certificate and key as the BFF reads them (SdsLdapClientOptions.tls). */
  clientTls(which?: 'good' | 'wrong'): { ca: Buffer; cert: Buffer; key: Buffer };
  /** SIGSTOP: slapd still holds its port (the kernel accepts connections) but answers nothing. */
  pause(): void;
  resume(): void;
  /** SIGTERM, and wait until it has gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data after `stop`. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

function tool(name: string): string {
  const path = join(SBIN, name);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: the SDS LDAP tests need OpenLDAP (apt-get install slapd ldap-utils; .ci/run installs it)`);
  }
  return path;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

async function writeCertificates(dir: string): Promise<SlapdCertificates> {
  const paths = await ensureTestCertificates(dir);
  const wrong = await generate([{ name: 'commonName', value: 'not-signed-by-the-spine-ca.test' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [{ name: 'extKeyUsage', clientAuth: true }],
  });
  const certs = { ...paths, wrongClientCert: join(dir, 'wrong-client.crt'), wrongClientKey: join(dir, 'wrong-client.key') };
  writeFileSync(certs.wrongClientCert, wrong.cert);
  writeFileSync(certs.wrongClientKey, wrong.private, { mode: 0o600 });
  return certs;
}

/** Builds the directory from `ldif` and starts slapd on a free port of 127.0.0.1. */
export async function startSlapd(ldif: string): Promise<RunningSlapd> {
  const slapd = tool('slapd');
  const dir = mkdtempSync(join(tmpdir(), 'sds-slapd-'));
  const certs = await writeCertificates(join(dir, 'certs'));
  mkdirSync(join(dir, 'db'));
  copyFileSync(SCHEMA, join(dir, 'nhs-sds.schema'));
  const rootPassword = randomBytes(18).toString('base64url');
  writeFileSync(
    join(dir, 'slapd.conf'),
    [
      'include /etc/ldap/schema/core.schema',
      // uniqueIdentifier
      'include /etc/ldap/schema/cosine.schema',
      'include ./nhs-sds.schema',
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      `pidfile ${join(dir, 'slapd.pid')}`,
      `TLSCACertificateFile ${certs.caCert}`,
      `TLSCertificateFile ${certs.serverCert}`,
      `TLSCertificateKeyFile ${certs.serverKey}`,
      // Mutual TLS, as SDS: no client certificate signed by the CA, no connection.
      'TLSVerifyClient demand',
      'database mdb',
      `directory ${join(dir, 'db')}`,
      'suffix "o=nhs"',
      'rootdn "cn=admin,o=nhs"',
      `rootpw ${rootPassword}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'data.ldif'), ldif);
  run(tool('slaptest'), ['-f', 'slapd.conf', '-u'], dir);
  run(tool('slapadd'), ['-f', 'slapd.conf', '-l', 'data.ldif'], dir);

  const port = await freePort();
  const url = `ldaps://127.0.0.1:${port}`;
  const clientTls = (which: 'good' | 'wrong' = 'good') => ({
    ca: readFileSync(certs.caCert),
    cert: readFileSync(which === 'good' ? certs.clientCert : certs.wrongClientCert),
    key: readFileSync(which === 'good' ? certs.clientKey : certs.wrongClientKey),
  });
  let child: ChildProcess | undefined;
  let paused = false;

  /** Until slapd answers a bind over mutual TLS: it is ready. */
  async function waitUntilReady(output: () => string): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child!.exitCode !== null) throw new Error(`slapd exited (${child!.exitCode}): ${output()}`);
      const client = new Client({ url, connectTimeout: 1000, timeout: 1000, tlsOptions: clientTls() });
      try {
        await client.bind('cn=admin,o=nhs', rootPassword);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`slapd did not answer on ${url} within 10 s: ${String(error)}; ${output()}`, { cause: error });
      } finally {
        await client.unbind().catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function start(): Promise<void> {
    // -d 0: in the foreground, so the child is slapd itself and its complaints reach stderr.
    child = spawn(slapd, ['-f', 'slapd.conf', '-h', `${url}/`, '-d', '0'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Never left running when the test process ends without remove().
    const started = child;
    process.once('exit', () => started.kill('SIGKILL'));
    await waitUntilReady(() => stderr.slice(-2000));
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    if (paused) resume();
    running.kill('SIGTERM');
    await exited;
  }

  function resume(): void {
    child?.kill('SIGCONT');
    paused = false;
  }

  await start();
  return {
    url,
    certs,
    clientTls,
    pause() {
      child?.kill('SIGSTOP');
      paused = true;
    },
    resume,
    stop,
    start,
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
