import { readFile } from 'node:fs/promises';
import { VecscopeError } from '../../../common/errors.js';
import { tradeoffChartSvg } from '../../../common/charts/tradeoffChart.js';
import { studyRowsToCsv, studyRowsToJson } from '../../../common/export/studyRows.js';
import type { StudyRowSummary } from '../../../common/study/studyRowFields.js';
import { writeFileAtomic } from '../../io/write.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command, ParsedArgs } from '../command.js';

/** What `vecscope report` reads of a study result (`vecscope study --out`). */
export interface ReportInput {
  k: number;
  rows: StudyRowSummary[];
}

/** Reads the text of a study result; `path` only names the file in errors. */
export function parseStudyResult(text: string, path: string): ReportInput {
  let obj: { k?: number; rows?: StudyRowSummary[] };
  try {
    obj = JSON.parse(text) as typeof obj;
  } catch (e) {
    throw new VecscopeError(`not valid JSON (${(e as Error).message.split('\n')[0]})`, path);
  }
  if (!Array.isArray(obj.rows)) throw new VecscopeError('no "rows": not a vecscope study result', path);
  return { k: obj.k ?? 10, rows: obj.rows };
}

/** The files a report writes; each key is the option that names the file. */
export const REPORT_OUTPUTS = {
  csv: (r: ReportInput) => studyRowsToCsv(r.rows),
  rows: (r: ReportInput) => studyRowsToJson(r.rows),
  'svg-qps': (r: ReportInput) => tradeoffChartSvg(r.rows, 'qps', r.k),
  'svg-bytes': (r: ReportInput) => tradeoffChartSvg(r.rows, 'bytes', r.k),
} as const;

const write = (path: string, text: string) => writeFileAtomic(path, new TextEncoder().encode(text));

export const reportCommand: Command = {
  name: 'report',
  summary: 'study result (vecscope study --out) as CSV / JSON rows and SVG trade-off charts',
  usage:
    'vecscope report <result.json> [--csv <file>] [--rows <file.json>] [--svg-qps <file.svg>] [--svg-bytes <file.svg>]   (nothing asked: CSV on stdout)',
  options: {
    csv: { type: 'string' },
    rows: { type: 'string' },
    'svg-qps': { type: 'string' },
    'svg-bytes': { type: 'string' },
  },
  help: {
    csv: ['<file>', 'the rows as RFC 4180 CSV'],
    rows: ['<file.json>', 'the rows as JSON'],
    'svg-qps': ['<file.svg>', 'the recall-against-QPS chart'],
    'svg-bytes': ['<file.svg>', 'the recall-against-bytes chart'],
  },
  async run(args: ParsedArgs, io) {
    const [path, extra] = args.positionals;
    if (path === undefined)
      throw new VecscopeError('give the study result file (vecscope study --out <result.json>)');
    if (extra !== undefined) throw new VecscopeError(`unexpected argument "${extra}"`);
    const v = args.values;
    checkOutputs(
      Object.keys(REPORT_OUTPUTS).map((o) => [
        `--${o}`,
        typeof v[o] === 'string' ? (v[o] as string) : undefined,
      ]),
      [['the study result', path]],
    );
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new VecscopeError('cannot read the study result', path);
    }
    const input = parseStudyResult(text, path);
    const written: string[] = [];
    for (const [option, render] of Object.entries(REPORT_OUTPUTS)) {
      const out = v[option];
      if (typeof out === 'string') {
        await write(out, render(input));
        written.push(out);
      }
    }
    if (written.length === 0) io.stdout(studyRowsToCsv(input.rows));
    else if (v['json'] === true) io.stdout(JSON.stringify({ written }) + '\n');
    else io.stdout(`wrote ${written.join(', ')}\n`);
    return 0;
  },
};
