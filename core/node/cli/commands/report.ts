import { readFile } from 'node:fs/promises';
import { VecscopeError } from '../../../common/errors.js';
import { chartToSvg } from '../../../common/charts/chartToSvg.js';
import { tradeoffChartSpec } from '../../../common/charts/tradeoffChart.js';
import type { StudyRowSummary } from '../../../common/export/studyRows.js';
import { studyRowsToCsv, studyRowsToJson } from '../../../common/export/studyRows.js';
import { writeFileAtomic } from '../../io/write.js';
import { checkOutputs } from '../checkOutputs.js';
import type { Command, ParsedArgs } from '../command.js';

interface ResultFile {
  k?: number;
  rows?: StudyRowSummary[];
}

async function readResult(path: string): Promise<{ k: number; rows: StudyRowSummary[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new VecscopeError('cannot read the study result', path);
  }
  let obj: ResultFile;
  try {
    obj = JSON.parse(text) as ResultFile;
  } catch (e) {
    throw new VecscopeError(`not valid JSON (${(e as Error).message.split('\n')[0]})`, path);
  }
  if (!Array.isArray(obj.rows)) throw new VecscopeError('no "rows": not a vecscope study result', path);
  return { k: obj.k ?? 10, rows: obj.rows };
}

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
  async run(args: ParsedArgs, io) {
    const [path, extra] = args.positionals;
    if (path === undefined)
      throw new VecscopeError('give the study result file (vecscope study --out <result.json>)');
    if (extra !== undefined) throw new VecscopeError(`unexpected argument "${extra}"`);
    const v = args.values;
    const target = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
    checkOutputs(
      ['csv', 'rows', 'svg-qps', 'svg-bytes'].map((o) => [`--${o}`, target(o)]),
      [['the study result', path]],
    );
    const { k, rows } = await readResult(path);
    const written: string[] = [];
    const csv = target('csv');
    if (csv) await write(csv, studyRowsToCsv(rows)).then(() => written.push(csv));
    const json = target('rows');
    if (json) await write(json, studyRowsToJson(rows)).then(() => written.push(json));
    for (const axis of ['qps', 'bytes'] as const) {
      const out = target(`svg-${axis}`);
      if (out) {
        await write(out, chartToSvg(tradeoffChartSpec(rows, axis, { k })));
        written.push(out);
      }
    }
    if (written.length === 0) io.stdout(studyRowsToCsv(rows));
    else if (v['json'] === true) io.stdout(JSON.stringify({ written }) + '\n');
    else io.stdout(`wrote ${written.join(', ')}\n`);
    return 0;
  },
};
