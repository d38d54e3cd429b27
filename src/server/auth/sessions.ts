/**
 * Sessions in the database (issue 5): they survive a restart and are shared by every BFF
 * instance on one PostgreSQL. The browser holds a random 256-bit id; the table holds its SHA-256
 * only. A session ends after SESSION_IDLE_MINUTES without a request (15) or SESSION_MAX_HOURS in
 * all, or at sign-out. Sign-ins in progress (PKCE verifier, state, nonce) are kept the same way.
 */
import type { Database, Listener } from '../db/database';
import type { User } from './user';
import { sha256 } from '../hash';
import { storable } from '../db/storable';

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export interface ActiveSession {
  user: User;
  csrfToken: string;
  idToken?: string;
}

export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/**
 * How often a session's idle clock is written: a session in use is seen again at most this long
 * after its last write, so the idle timeout can end it up to this much early, never late.
 */
const TOUCH_SECONDS = 30;

/** A sign-in must come back from the identity provider within this long. */
const SIGN_IN_MINUTES = 10;

/** Every instance on the database hears of a sign-out here, with the session's hash. */
const ENDED_CHANNEL = 'viewer_session_ended';
/** Sessions an instance holds in memory at most. */
const CACHE_MAX = 10_000;
/** How long a sign-out waits for its notification to come back through the database. */
const ECHO_MS = 1000;

interface CachedSession {
  session: ActiveSession;
  /** Date.now() by which the database is asked again: TOUCH_SECONDS after the session's last write. */
  until: number;
  expiresAt: number;
  /** The listener's epoch when it was held: a gap in listening since then voids it. */
  epoch: number;
}

/**
 * Resumed sessions are held in memory until their idle clock is next due to be written, so a
 * session in use costs a database round trip at most every TOUCH_SECONDS, not one per request
 * (decision 015). A sign-out on any instance is a NOTIFY that every instance's LISTEN hears, and
 * while an instance cannot hear (its LISTEN connection is down) it trusts nothing it holds.
 */
export class SessionStore {
  private readonly cache = new Map<string, CachedSession>();
  private listener?: Promise<Listener | undefined>;
  private readonly echoes = new Map<string, () => void>();

  constructor(
    private readonly db: Database,
    private readonly limits: { idleMinutes: number; maxHours: number },
  ) {}

  get idleSeconds(): number {
    return this.limits.idleMinutes * 60;
  }

  /** A new session for a signed-in user; returns the id for the cookie and the CSRF token. */
  async create(user: User, idToken?: string): Promise<{ id: string; csrfToken: string }> {
    const id = randomToken();
    const csrfToken = randomToken();
    // Housekeeping on the way: sessions and sign-ins that can no longer be used.
    await this.db.query(`DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(mins => $1)`, [this.limits.idleMinutes]);
    await this.db.query(`DELETE FROM sign_ins WHERE created_at < now() - make_interval(mins => $1)`, [SIGN_IN_MINUTES]);
    await this.db.query(
      `INSERT INTO sessions (id_hash, user_claims, csrf_token, id_token, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))`,
      [await sha256(id), JSON.stringify(storable(user)), csrfToken, idToken ?? null, this.limits.maxHours],
    );
    return { id, csrfToken };
  }

  /**
   * The session behind a cookie, its idle clock restarted; 'expired' when it existed but timed
   * out (then it is gone), undefined when there is no such session.
   */
  async resume(id: string): Promise<ActiveSession | 'expired' | undefined> {
    const hash = await sha256(id);
    const listener = await this.listening();
    const cached = this.cache.get(hash);
    const now = Date.now();
    if (cached && listener?.connected && cached.epoch === listener.epoch && now < cached.until && now < cached.expiresAt) return cached.session;
    this.cache.delete(hash);
    const [row] = await this.db.query<{
      user_claims: User | string;
      csrf_token: string;
      id_token: string | null;
      stale: boolean;
      seen_ms_ago: number;
      expires_in_ms: number;
    }>(
      `SELECT user_claims, csrf_token, id_token, last_seen_at < now() - make_interval(secs => $3) AS stale,
              (extract(epoch FROM now() - last_seen_at) * 1000)::float8 AS seen_ms_ago, (extract(epoch FROM expires_at - now()) * 1000)::float8 AS expires_in_ms
         FROM sessions WHERE id_hash = $1 AND last_seen_at > now() - make_interval(mins => $2) AND expires_at > now()`,
      [hash, this.limits.idleMinutes, TOUCH_SECONDS],
    );
    if (row) {
      // The idle clock is restarted at most every TOUCH_SECONDS: a read now and then, a write now and then.
      if (row.stale) await this.db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [hash]);
      const user = typeof row.user_claims === 'string' ? (JSON.parse(row.user_claims) as User) : row.user_claims;
      const session = { user, csrfToken: row.csrf_token, idToken: row.id_token ?? undefined };
      if (listener?.connected) {
        const until = now + TOUCH_SECONDS * 1000 - (row.stale ? 0 : row.seen_ms_ago);
        this.hold(hash, { session, until, expiresAt: now + row.expires_in_ms, epoch: listener.epoch });
      }
      return session;
    }
    const ended = await this.db.query('DELETE FROM sessions WHERE id_hash = $1 RETURNING 1 AS gone', [hash]);
    return ended.length > 0 ? 'expired' : undefined;
  }

  /** Sign-out: the session is gone on every instance; returns its ID token (for the identity provider's logout). */
  async end(id: string): Promise<{ idToken?: string } | undefined> {
    const hash = await sha256(id);
    this.cache.delete(hash);
    const [row] = await this.db.query<{ id_token: string | null }>('DELETE FROM sessions WHERE id_hash = $1 RETURNING id_token', [hash]);
    const listener = await this.listening();
    if (listener) {
      // Answered once the notification has come back through the database, so every instance has been sent it.
      const echoed = new Promise<void>((resolve) => {
        this.echoes.set(hash, resolve);
        setTimeout(resolve, ECHO_MS).unref?.();
      });
      await this.db.query('SELECT pg_notify($1, $2)', [ENDED_CHANNEL, hash]);
      await echoed;
      this.echoes.delete(hash);
    }
    return row ? { idToken: row.id_token ?? undefined } : undefined;
  }

  private hold(hash: string, entry: CachedSession): void {
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hash, entry);
  }

  /** The LISTEN for sign-outs, started on first use; without one (it failed, or the database cannot) nothing is held. */
  private listening(): Promise<Listener | undefined> {
    return (this.listener ??= (
      this.db.listen?.(ENDED_CHANNEL, (hash) => {
        this.cache.delete(hash);
        this.echoes.get(hash)?.();
      }) ?? Promise.resolve(undefined)
    ).catch(() => {
      this.listener = undefined;
      return undefined;
    }));
  }

  async startSignIn(pending: PendingSignIn): Promise<string> {
    const id = randomToken();
    await this.db.query('INSERT INTO sign_ins (id_hash, code_verifier, state, nonce, return_to) VALUES ($1, $2, $3, $4, $5)', [
      await sha256(id),
      pending.codeVerifier,
      pending.state,
      pending.nonce,
      pending.returnTo,
    ]);
    return id;
  }

  /** The sign-in in progress behind a cookie, used once: it is deleted as it is read. */
  async takeSignIn(id: string): Promise<PendingSignIn | undefined> {
    const [row] = await this.db.query<{ code_verifier: string; state: string; nonce: string; return_to: string }>(
      `DELETE FROM sign_ins WHERE id_hash = $1 AND created_at > now() - make_interval(mins => $2) RETURNING code_verifier, state, nonce, return_to`,
      [await sha256(id), SIGN_IN_MINUTES],
    );
    return row ? { codeVerifier: row.code_verifier, state: row.state, nonce: row.nonce, returnTo: row.return_to } : undefined;
  }
}
