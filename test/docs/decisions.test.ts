/** docs/decisions/ stays an index: every record listed, every link to a record resolving, every record with a date and a status. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../docs/decisions');
const records = readdirSync(dir).filter((f) => /^\d{3}-.+\.md$/.test(f) && !f.startsWith('000-'));
const index = readFileSync(join(dir, 'README.md'), 'utf8');

describe('decision records', () => {
  it('the index lists every record, in order, and nothing else', () => {
    const listed = [...index.matchAll(/^\| \[(\d{3})\]\((\d{3}-[^)]+\.md)\)/gm)].map((m) => m[2]);
    expect(listed).toEqual([...records].sort());
  });

  it('each record has a title, a date and a status, and every record it links to exists', () => {
    for (const file of records) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).toMatch(new RegExp(`^# ${file.slice(0, 3)} — `));
      expect(text, file).toMatch(/^Date: \d{4}-\d{2}-\d{2} · Status: /m);
      for (const [, target] of text.matchAll(/\]\((\d{3}-[^)]+\.md)\)/g)) expect(existsSync(join(dir, target)), `${file} → ${target}`).toBe(true);
    }
  });

  it('a record superseded (in part) names what superseded it, and that record says so too', () => {
    for (const file of records) {
      const status = readFileSync(join(dir, file), 'utf8').match(/^Date: .* · Status: (.*)$/m)![1];
      for (const [, by] of status.matchAll(/superseded by \[\d{3}\]\((\d{3}-[^)]+\.md)\)/g)) {
        expect(readFileSync(join(dir, by), 'utf8'), `${by} supersedes ${file}`).toMatch(new RegExp(`Supersedes[^\\n]*\\(${file.replace('.', '\\.')}\\)`));
      }
    }
  });
});
