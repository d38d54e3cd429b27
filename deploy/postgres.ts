/** Debian's PostgreSQL, installed and started if need be by deploy/postgres.sh: the connection string of `database` on it. */
import { execFileSync } from 'node:child_process';

export function debianPostgresUrl(database: string): string {
  return execFileSync('bash', ['deploy/postgres.sh', database], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
}
