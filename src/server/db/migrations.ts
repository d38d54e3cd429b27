/**
 * Versioned schema migrations, applied in order at start-up, each once, in one transaction
 * under an advisory lock (several BFF instances may start together on one server). Never edit a
 * migration that has shipped: add the next one.
 */
import type { Database } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'audit events, append-only',
    sql: `
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        request_id text NOT NULL,
        user_id text,
        user_name text,
        user_role text,
        role_profile_id text,
        user_org text,
        action text NOT NULL,
        nhs_number text,
        section text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'blocked')),
        http_status integer NOT NULL,
        error_code text,
        ssp_trace_id text,
        ssp_from text,
        ssp_to text,
        ssp_interaction_id text,
        spine_calls jsonb NOT NULL DEFAULT '[]',
        details jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_events_time ON audit_events (occurred_at DESC, id DESC);
      CREATE INDEX audit_events_nhs_number ON audit_events (nhs_number, occurred_at DESC);
      CREATE INDEX audit_events_user ON audit_events (user_id, occurred_at DESC);
      -- R26: the audit is append-only. The application has no update or delete path; the database
      -- refuses one too (give the application's own role INSERT and SELECT only on a real server).
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP; END;
      $$;
      CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
    `,
  },
  {
    version: 2,
    name: 'sessions and sign-ins in progress',
    sql: `
      -- Only a hash of each session id is kept: a copy of this table signs nobody in.
      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        user_claims jsonb NOT NULL,
        csrf_token text NOT NULL,
        id_token text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_expiry ON sessions (expires_at);
      CREATE TABLE sign_ins (
        id_hash text PRIMARY KEY,
        code_verifier text NOT NULL,
        state text NOT NULL,
        nonce text NOT NULL,
        return_to text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 3,
    name: 'support log, shared by every instance',
    sql: `
      -- Each session's last requests for the support view (decision 007); the session as a hash.
      CREATE TABLE support_log (
        id bigserial PRIMARY KEY,
        session_key text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        entry jsonb NOT NULL
      );
      CREATE INDEX support_log_session ON support_log (session_key, id DESC);
      CREATE INDEX support_log_age ON support_log (at);
    `,
  },
];

/** Applies the migrations not yet applied; returns the versions it applied. */
export async function migrate(db: Database, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Any fixed key: only one instance migrates at a time; the others wait, then find nothing to do.
    await tx.query('SELECT pg_advisory_xact_lock(4702650001)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}
