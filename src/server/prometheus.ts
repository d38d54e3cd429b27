/**
 * Node adapter: the BFF's metrics in Prometheus's text format (prom-client), served on their own
 * port (METRICS_PORT, bound to METRICS_HOST, 127.0.0.1 by default), never through the load
 * balancer. Besides ./metrics.ts's counts: Node's own (event-loop lag, memory, handles) and the
 * database pool.
 */
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from './db/database';
import type { Metrics } from './metrics';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'gpcv_http_requests_total',
    help: 'API requests answered, by route template, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: 'gpcv_http_request_duration_seconds',
    help: 'Time to answer an API request',
    labelNames: ['route', 'method'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly spineCalls = new Counter({
    name: 'gpcv_spine_calls_total',
    help: 'Spine call attempts, by service and status (none: no answer)',
    labelNames: ['service', 'status'],
    registers: [this.registry],
  });
  private readonly spineSeconds = new Histogram({
    name: 'gpcv_spine_call_duration_seconds',
    help: 'Time of one Spine call attempt',
    labelNames: ['service'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'gpcv_spine_retries_total',
    help: 'Spine call attempts that were retries',
    labelNames: ['service'],
    registers: [this.registry],
  });
  private readonly cache = new Counter({
    name: 'gpcv_cache_lookups_total',
    help: 'Cache lookups, by cache and result',
    labelNames: ['cache', 'result'],
    registers: [this.registry],
  });
  private readonly auditWrites = new Counter({
    name: 'gpcv_audit_writes_total',
    help: 'Audit rows written, by result (failed: the answer was withheld)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly auditSeconds = new Histogram({
    name: 'gpcv_audit_write_duration_seconds',
    help: 'Time to write one audit row',
    buckets: SECONDS,
    registers: [this.registry],
  });

  constructor(database: Database) {
    collectDefaultMetrics({ register: this.registry, prefix: 'gpcv_' });
    new Gauge({
      name: 'gpcv_db_pool_connections',
      help: 'PostgreSQL pool connections, by state (a PostgreSQL server only)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const stats = database.poolStats?.();
        if (!stats) return;
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
    // Registered at once, so a scrape before the first request already lists them.
    for (const result of ['ok', 'failed']) this.auditWrites.inc({ result }, 0);
  }

  request(route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, method, status: String(status) });
    this.requestSeconds.observe({ route, method }, seconds);
  }

  spineCall(service: string, status: number | null, seconds: number, attempt: number): void {
    this.spineCalls.inc({ service, status: status === null ? 'none' : String(status) });
    this.spineSeconds.observe({ service }, seconds);
    if (attempt > 1) this.retries.inc({ service });
  }

  cacheLookup(cache: string, result: 'hit' | 'miss'): void {
    this.cache.inc({ cache, result });
  }

  auditWrite(ok: boolean, seconds: number): void {
    this.auditWrites.inc({ result: ok ? 'ok' : 'failed' });
    this.auditSeconds.observe(seconds);
  }

  /** The scrape endpoint: GET /metrics on its own port. */
  serve(port: number, host: string): Server {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: GET /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': this.registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error)),
      );
    });
    server.listen(port, host);
    return server;
  }
}
