/**
 * The viewer as a trust runs it, on one machine: N instances of the built BFF (dist/server/node.js)
 * behind Debian's nginx (TLS, round robin, no sticky sessions), all on one PostgreSQL. Used by
 * `npm run cluster` (deploy/start.ts) and by the cluster tests (test/cluster/), which restart, kill
 * and drain instances under load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Agent } from 'undici';

export interface ClusterOptions {
  /** One port per instance; the instance count is their number. */
  instancePorts: number[];
  /** Prometheus per instance, on these internal ports (optional). */
  metricsPorts?: number[];
  /** nginx's https port, on 127.0.0.1. */
  publicPort: number;
  /** Every instance's environment (the Spine, sign-in, DATABASE_URL); PORT, PUBLIC_URL and METRICS_PORT are set per instance. */
  env: Record<string, string>;
  /** nginx's certificate and key, and the CA that signed it (for the cluster's own checks). */
  tls: { cert: string; key: string; ca: string };
  /** Where the nginx configuration, its temporary files and the logs go. */
  stateDir: string;
  nginx?: string;
}

export interface Instance {
  index: number;
  port: number;
  origin: string;
  process?: ChildProcess;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long nginx keeps an instance out after a failed attempt (nginx upstream `fail_timeout`): one
 * failure is enough (`max_fails=1`), so a stopped instance is skipped at once.
 */
const FAIL_TIMEOUT_S = 2;

/** nginx's configuration from deploy/nginx.conf.template. */
export function nginxConfig(options: ClusterOptions): string {
  const template = readFileSync(join(import.meta.dirname, 'nginx.conf.template'), 'utf8');
  const upstreams = options.instancePorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=${FAIL_TIMEOUT_S}s;`).join('\n');
  // Run as root (CI), nginx's workers take an unprivileged user that Debian has.
  const user = process.getuid?.() === 0 ? 'user nobody nogroup;' : '';
  return template
    .replaceAll('{{USER}}', user)
    .replaceAll('{{STATE}}', resolve(options.stateDir))
    .replaceAll('{{UPSTREAMS}}', upstreams)
    .replaceAll('{{LISTEN}}', `127.0.0.1:${options.publicPort}`)
    .replaceAll('{{CERT}}', resolve(options.tls.cert))
    .replaceAll('{{KEY}}', resolve(options.tls.key));
}

export class Cluster {
  readonly instances: Instance[];
  readonly publicUrl: string;
  /** Trusts the cluster's CA: for requests to nginx over https. */
  readonly agent: Agent;
  private nginx?: ChildProcess;

  private constructor(readonly options: ClusterOptions) {
    this.publicUrl = `https://localhost:${options.publicPort}`;
    this.instances = options.instancePorts.map((port, index) => ({ index, port, origin: `http://127.0.0.1:${port}` }));
    this.agent = new Agent({ connect: { ca: readFileSync(options.tls.ca) }, connections: 512 });
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(options);
    mkdirSync(join(options.stateDir, 'tmp'), { recursive: true, mode: 0o777 });
    try {
      await Promise.all(cluster.instances.map((i) => cluster.startInstance(i.index)));
      await cluster.startNginx();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Starts instance `index` and waits until it says it is ready (GET /api/ready). */
  async startInstance(index: number): Promise<void> {
    const instance = this.instances[index];
    const log = createWriteStream(join(this.options.stateDir, `instance-${index}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['dist/server/node.js'], {
      env: {
        ...process.env,
        ...this.options.env,
        PORT: String(instance.port),
        HOST: '127.0.0.1',
        PUBLIC_URL: this.publicUrl,
        ...(this.options.metricsPorts ? { METRICS_PORT: String(this.options.metricsPorts[index]) } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    instance.process = child;
    await this.waitUntil(`${instance.origin}/api/ready`, child, `instance ${index}`);
  }

  /**
   * Stops instance `index`: SIGTERM drains it (not ready, in-flight answered, database closed);
   * SIGKILL ends it at once. Resolves with its exit code (null after a signal it did not handle).
   */
  async stopInstance(index: number, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<number | null> {
    const child = this.instances[index].process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }

  /**
   * A release on one instance: drained, then started again with the same port. nginx has no active
   * health check: it still holds the old process's failures against the port for `fail_timeout`,
   * so the restart is over only when that has passed. Stopping the next instance sooner leaves
   * two of three out at once, and one stray failure on the third makes nginx answer 502 "no live
   * upstreams" (seen in CI: 1,275 such answers in one rolling restart).
   */
  async restartInstance(index: number): Promise<number | null> {
    const code = await this.stopInstance(index);
    await this.startInstance(index);
    await sleep(FAIL_TIMEOUT_S * 1000);
    return code;
  }

  private async startNginx(): Promise<void> {
    const conf = join(this.options.stateDir, 'nginx.conf');
    writeFileSync(conf, nginxConfig(this.options));
    const log = createWriteStream(join(this.options.stateDir, 'nginx.log'), { flags: 'a' });
    this.nginx = spawn(this.options.nginx ?? 'nginx', ['-p', this.options.stateDir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.nginx.stdout!.pipe(log);
    this.nginx.stderr!.pipe(log);
    await this.waitUntil(`${this.publicUrl}/api/health`, this.nginx, 'nginx');
  }

  private async waitUntil(url: string, child: ChildProcess, name: string): Promise<void> {
    for (let waited = 0; waited < 60_000; waited += 100) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${this.options.stateDir}`);
      try {
        const response = await fetch(url, { dispatcher: this.agent } as RequestInit);
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    throw new Error(`${name} was not ready at ${url} within 60 s; see ${this.options.stateDir}`);
  }

  /** A request through nginx, as a browser would make it. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.publicUrl}${path}`, { ...init, dispatcher: this.agent } as RequestInit);
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => this.stopInstance(i.index)));
    if (this.nginx && this.nginx.exitCode === null && this.nginx.signalCode === null) {
      const exited = new Promise((resolve) => this.nginx!.once('exit', resolve));
      this.nginx.kill('SIGQUIT');
      await exited;
    }
    await this.agent.close();
  }
}
