import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

export interface Table {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

/** Where every benchmark writes; relative to the repo root (npm runs scripts from there). */
export const RESULTS_DIR = join(process.cwd(), 'bench', 'results');

function cell(v: string | number): string {
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '—';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toPrecision(3);
}

/** The machine a result was measured on, printed with every table. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Writes bench/results/<name>.md (tables) and .json (raw data) and prints the tables. */
export function writeReport(
  name: string,
  title: string,
  tables: Table[],
  notes: string[],
  json: unknown,
): void {
  const md = [`# ${title}`, '', `Measured on ${machineLine()}.`, ''];
  for (const t of tables) {
    md.push(`## ${t.title}`, '', `| ${t.headers.join(' | ')} |`, `|${t.headers.map(() => '---').join('|')}|`);
    for (const r of t.rows) md.push(`| ${r.map(cell).join(' | ')} |`);
    md.push('');
  }
  if (notes.length > 0) md.push(...notes.map((n) => `- ${n}`), '');
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.md`), md.join('\n'));
  writeFileSync(
    join(RESULTS_DIR, `${name}.json`),
    JSON.stringify({ machine: machineLine(), ...(json as object) }, null, 2),
  );
  console.log(md.join('\n'));
}

/** Seconds taken by fn (wall clock). */
export async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, (performance.now() - t0) / 1000];
}
