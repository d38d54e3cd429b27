/**
 * Fills docs/requirements.md's test lists: under each requirement, every test whose title names it
 * ("R7: …", "(R4, R5)", "R2–R6") and every test file whose opening comment does. `npm run
 * requirements` rewrites the file; test/shared/requirements.test.ts fails when it is stale.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Coverage {
  file: string;
  /** The test's title, or undefined for the whole file (its opening comment names the requirement). */
  title?: string;
}

const TITLE = /(?:\b(?:it|test|describe)(?:\.(?:only|concurrent))?|\]\))\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g;
const REQUIREMENT = /\bR(\d{1,2})(?:\s*[–-]\s*R?(\d{1,2}))?/g;

function named(text: string): number[] {
  const numbers: number[] = [];
  for (const [, from, to] of text.matchAll(REQUIREMENT)) for (let r = Number(from); r <= Number(to ?? from); r++) numbers.push(r);
  return numbers;
}

/** Every test and describe title in a test file's source, as written. */
export function testTitles(source: string): string[] {
  return [...source.matchAll(TITLE)].map(([, quote, title]) => title.replaceAll(`\\${quote}`, quote).replace(/\s+/g, ' '));
}

/** What each test file says it covers, by requirement number. */
export function coverageOf(files: Record<string, string>): Map<number, Coverage[]> {
  const coverage = new Map<number, Coverage[]>();
  const add = (r: number, entry: Coverage) => {
    const list = coverage.get(r) ?? [];
    if (!list.some((e) => e.file === entry.file && e.title === entry.title)) list.push(entry);
    coverage.set(r, list);
  };
  for (const [file, source] of Object.entries(files)) {
    const opening = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
    if (opening) for (const r of named(opening[1])) add(r, { file });
    for (const [, , title] of source.matchAll(TITLE)) for (const r of named(title)) add(r, { file, title: title.replace(/\s+/g, ' ') });
  }
  return coverage;
}

/** The document with every `<!-- tests Rn -->` list rewritten from the coverage. */
export function requirementsMarkdown(document: string, coverage: Map<number, Coverage[]>): string {
  return document.replace(/<!-- tests R(\d+) -->[\s\S]*?<!-- \/tests -->/g, (_, n: string) => {
    const entries = [...(coverage.get(Number(n)) ?? [])].sort((a, b) => a.file.localeCompare(b.file) || (a.title ?? '').localeCompare(b.title ?? ''));
    const lines = entries.length
      ? entries.map((e) => (e.title ? `- \`${e.file}\`: ${e.title.replace(/[<>]/g, '')}` : `- \`${e.file}\` (the whole file)`))
      : ['- none yet'];
    return `<!-- tests R${n} -->\n${lines.join('\n')}\n<!-- /tests -->`;
  });
}

/** Every test file in the repository, by its path from the root. */
export function testFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(test|spec)\.tsx?$/.test(name)) files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(join(root, 'test'));
  return files;
}

if (process.argv[1]?.endsWith('requirements.ts')) {
  const root = join(import.meta.dirname, '..');
  const path = join(root, 'docs/requirements.md');
  writeFileSync(path, requirementsMarkdown(readFileSync(path, 'utf8'), coverageOf(testFiles(root))));
  console.log('docs/requirements.md: test lists rewritten');
}
