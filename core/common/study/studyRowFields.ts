import {
  RpcValidationError,
  nullable,
  number,
  object,
  optional,
  string,
  type Infer,
  type Schema,
} from '../rpc/schema.js';

/**
 * A measured number of a row: finite, or NaN where the row failed and nothing was measured (JSON and
 * the wire carry NaN as null, read back as NaN). `checkMeasured` refuses NaN in a row without an error.
 */
function measured(): Schema<number> {
  const finite = number();
  return {
    kind: 'measured number',
    parse: (v, p = '') =>
      v === null || (typeof v === 'number' && Number.isNaN(v)) ? NaN : finite.parse(v, p),
  };
}

/** How a field is written to a CSV cell: text is quoted as RFC 4180 needs; null / NaN numbers are empty. */
type CsvFormat = 'text' | 'number';

export interface StudyRowField {
  /** The CSV column; unique over the row, so the flat views (CSV, table sort keys) can use it. */
  readonly name: string;
  /** The object holding the field: the row itself, or its recall-loss decomposition. */
  readonly group: 'row' | 'decomposition';
  /** The property in that object. */
  readonly key: string;
  readonly schema: Schema<unknown>;
  readonly unit: string;
  readonly description: string;
  readonly csv: CsvFormat;
}

/**
 * The scalar fields of a study row, in CSV column order: the one place they are listed. The wire
 * schema, the StudyRow type, the CSV and JSON writers and the summary tables (CLI and app) derive
 * from it. The per-query and per-point arrays (perQueryRecall, neighbourLoss, ids) travel beside
 * these on the wire and in memory; they are data for the map, not fields of a summary.
 */
export const STUDY_ROW_FIELDS = [
  {
    name: 'pipeline',
    group: 'row',
    key: 'pipeline',
    schema: string(),
    unit: '',
    description: 'canonical pipeline string; the key of the row',
    csv: 'text',
  },
  {
    name: 'recall',
    group: 'row',
    key: 'recall',
    schema: measured(),
    unit: 'fraction',
    description: 'mean recall@k over the evaluated queries',
    csv: 'number',
  },
  {
    name: 'recallLow',
    group: 'row',
    key: 'recallLow',
    schema: measured(),
    unit: 'fraction',
    description: 'lower end of the 95 % bootstrap interval of recall',
    csv: 'number',
  },
  {
    name: 'recallHigh',
    group: 'row',
    key: 'recallHigh',
    schema: measured(),
    unit: 'fraction',
    description: 'upper end of the 95 % bootstrap interval of recall',
    csv: 'number',
  },
  {
    name: 'bytesPerVector',
    group: 'row',
    key: 'bytesPerVector',
    schema: measured(),
    unit: 'bytes',
    description: 'primaryBytes + secondaryBytes',
    csv: 'number',
  },
  {
    name: 'primaryBytes',
    group: 'row',
    key: 'primaryBytes',
    schema: measured(),
    unit: 'bytes',
    description: 'what a search traverses per vector',
    csv: 'number',
  },
  {
    name: 'secondaryBytes',
    group: 'row',
    key: 'secondaryBytes',
    schema: measured(),
    unit: 'bytes',
    description: 'per vector, used only to re-score candidates (second LVQ level, re-ranking vectors)',
    csv: 'number',
  },
  {
    name: 'graphBytes',
    group: 'row',
    key: 'graphBytes',
    schema: measured(),
    unit: 'bytes',
    description: 'graph edges per vector (R × 4 bytes for Vamana)',
    csv: 'number',
  },
  {
    name: 'buildSeconds',
    group: 'row',
    key: 'buildSeconds',
    schema: measured(),
    unit: 's',
    description:
      "time to fit the pipeline's stages (reduction, quantizer training and encoding, graph), counting a " +
      'cached stage at the time its fit took',
    csv: 'number',
  },
  {
    name: 'qps',
    group: 'row',
    key: 'qps',
    schema: measured(),
    unit: 'queries/s',
    description: 'single-thread queries per second: the median of the timed passes',
    csv: 'number',
  },
  {
    name: 'qpsBatch',
    group: 'row',
    key: 'qpsBatch',
    schema: nullable(measured()),
    unit: 'queries/s',
    description: 'batch queries per second across workers; null when not measured',
    csv: 'number',
  },
  {
    name: 'evaluations',
    group: 'row',
    key: 'evaluations',
    schema: measured(),
    unit: 'distances/query',
    description: 'mean distance evaluations on the primary codes per query',
    csv: 'number',
  },
  {
    name: 'lossReduction',
    group: 'decomposition',
    key: 'reduction',
    schema: measured(),
    unit: 'fraction',
    description: '1 − recall of exact search in the reduced space',
    csv: 'number',
  },
  {
    name: 'lossQuantization',
    group: 'decomposition',
    key: 'quantization',
    schema: measured(),
    unit: 'fraction',
    description: 'further loss of a flat scan of the codes (two-level codes refined), no re-ranking',
    csv: 'number',
  },
  {
    name: 'lossTraversal',
    group: 'decomposition',
    key: 'traversal',
    schema: measured(),
    unit: 'fraction',
    description: 'further loss of the graph traversal (0 for Flat)',
    csv: 'number',
  },
  {
    name: 'rerankRecovered',
    group: 'decomposition',
    key: 'rerankRecovered',
    schema: measured(),
    unit: 'fraction',
    description:
      'recall that re-ranking with the secondary vectors wins back (the four terms telescope: ' +
      'reduction + quantization + traversal − rerankRecovered = 1 − recall)',
    csv: 'number',
  },
  {
    name: 'rerankTraversal',
    group: 'decomposition',
    key: 'rerankTraversal',
    schema: optional(measured()),
    unit: 'fraction',
    description:
      'graph pipelines that re-rank: the recall of a flat scan of the same codes re-ranked to the same ' +
      "depth, minus this pipeline's recall (what the traversal loses among the candidates re-ranking " +
      'sees; outside the telescoping sum); absent otherwise',
    csv: 'number',
  },
  {
    name: 'qpsSpread',
    group: 'row',
    key: 'qpsSpread',
    schema: measured(),
    unit: 'fraction',
    description:
      '(fastest − slowest pass) / median q/s; over 0.2 the machine was busy or the timing is noisy',
    csv: 'number',
  },
  {
    name: 'cachedStages',
    group: 'row',
    key: 'cachedStages',
    schema: optional(string({ maxLength: 200 })),
    unit: '',
    description:
      'stages taken from an earlier pipeline or study instead of fitted again (reduction, codes, graph, ' +
      'rerank vectors), comma-separated; absent when every stage was fitted for this row',
    csv: 'text',
  },
  {
    name: 'reranked',
    group: 'row',
    key: 'reranked',
    schema: optional(measured()),
    unit: 'candidates/query',
    description:
      'pipelines that re-rank: mean candidates re-scored with the secondary vectors per query (below ' +
      "rerank where the codec's error bound rules the rest out: RaBitQ); absent otherwise",
    csv: 'number',
  },
  {
    name: 'filter',
    group: 'row',
    key: 'filter',
    schema: optional(string({ maxLength: 2000 })),
    unit: '',
    description:
      'studies with a filter: the predicate (SQL over the metadata columns) the filtered recalls are measured under; absent otherwise',
    csv: 'text',
  },
  {
    name: 'selectivity',
    group: 'row',
    key: 'selectivity',
    schema: optional(measured()),
    unit: 'fraction',
    description: 'studies with a filter: the share of the rows it allows; absent otherwise',
    csv: 'number',
  },
  {
    name: 'filteredRecall',
    group: 'row',
    key: 'filteredRecall',
    schema: optional(measured()),
    unit: 'fraction',
    description:
      'studies with a filter: recall@k of pre-filtering (an exact scan of the allowed rows’ codes, re-ranked as ' +
      'the pipeline does) against the exact filtered ground truth; absent otherwise',
    csv: 'number',
  },
  {
    name: 'filteredRecallInGraph',
    group: 'row',
    key: 'filteredRecallInGraph',
    schema: optional(measured()),
    unit: 'fraction',
    description:
      'graph pipelines in a study with a filter: recall@k of the traversal that steps over disallowed rows and ' +
      'keeps only allowed ones, against the exact filtered ground truth; absent otherwise',
    csv: 'number',
  },
  {
    name: 'error',
    group: 'row',
    key: 'error',
    schema: optional(string()),
    unit: '',
    description:
      'why the pipeline could not be measured; present only on a failed row, whose numbers are then ' +
      'empty (CSV), null (JSON) or NaN (in memory)',
    csv: 'text',
  },
] as const satisfies readonly StudyRowField[];

type Field = (typeof STUDY_ROW_FIELDS)[number];
/** What checkMeasured needs of a row. */
interface StudyRowShapeValue {
  error?: string | undefined;
  decomposition: object;
}
export type StudyRowFieldName = Field['name'];
type ShapeOf<G extends Field['group']> = {
  [F in Field as F['group'] extends G ? F['key'] : never]: F['schema'];
};

function shapeOf<G extends Field['group']>(group: G): ShapeOf<G> {
  return Object.fromEntries(
    STUDY_ROW_FIELDS.filter((f) => f.group === group).map((f) => [f.key, f.schema]),
  ) as ShapeOf<G>;
}

const recallDecompositionSchema = object(shapeOf('decomposition'));
/** The row's scalar fields as schema members; the wire row adds its arrays to these. */
export const STUDY_ROW_SHAPE = { ...shapeOf('row'), decomposition: recallDecompositionSchema };
export const studyRowSummarySchema = checkMeasured(object(STUDY_ROW_SHAPE));

/**
 * A row schema that also refuses an unmeasured (NaN) number in a row without an `error`: only a
 * failed row may leave its numbers out.
 */
export function checkMeasured<T extends StudyRowShapeValue>(inner: Schema<T>): Schema<T> {
  return {
    kind: inner.kind,
    parse: (v, p = '') => {
      const row = inner.parse(v, p);
      if (row.error === undefined)
        for (const f of STUDY_ROW_FIELDS) {
          const x = studyRowValue(row as unknown as StudyRowSummary, f);
          if (typeof x === 'number' && Number.isNaN(x))
            throw new RpcValidationError(
              `${p ? `${p}.` : ''}${f.name}: expected a finite number in a row without an error`,
            );
        }
      return row;
    },
  };
}

/** The scalar fields of a study row: what CSV / JSON exports and the summary tables hold. */
export type StudyRowSummary = Infer<typeof studyRowSummarySchema>;

/** A field's value in a row (undefined where an optional field is absent). */
export function studyRowValue(row: StudyRowSummary, field: StudyRowField): unknown {
  const holder: object = field.group === 'row' ? row : row.decomposition;
  return (holder as Record<string, unknown>)[field.key];
}

/**
 * The table's fields of a row and nothing else, as a fresh plain object (a StudyRow or a wire row
 * carries arrays and the parsed pipeline besides). Absent optional fields stay absent.
 */
export function studyRowSummary(row: StudyRowSummary): StudyRowSummary {
  const out: Record<string, unknown> = {};
  const decomposition: Record<string, unknown> = {};
  for (const f of STUDY_ROW_FIELDS) {
    const v = studyRowValue(row, f);
    if (v !== undefined) (f.group === 'row' ? out : decomposition)[f.key] = v;
  }
  out['decomposition'] = decomposition;
  return out as StudyRowSummary;
}
