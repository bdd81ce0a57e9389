import { useMemo } from 'react';
import { exportPipeline } from '../../../core/common/export/exportPipeline.js';
import {
  EXPORT_TARGETS,
  type ExportResult,
  type ExportTarget,
} from '../../../core/common/export/exportTypes.js';
import { encodeNpy } from '../../../core/common/io/npy.js';
import { parsePipeline } from '../../../core/common/pipeline/parsePipeline.js';
import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { useApp } from '../components/context.js';
import type { LabSession } from './labSession.js';
import { saveFile } from './download.js';
import { selectDatasetDim, selectDatasetMetric } from '../store/selectors.js';

const TARGET_NAMES: Record<ExportTarget, string> = {
  faiss: 'FAISS',
  qdrant: 'Qdrant',
  weaviate: 'Weaviate',
  usearch: 'USearch',
  pgvector: 'pgvector',
  lancedb: 'LanceDB',
};

/** A file-name-safe form of a pipeline string. */
const pipelineSlug = (p: string) => p.replace(/[^A-Za-z0-9=._-]+/g, '_').replace(/_+$/, '');

/** The selected pipeline as engine configurations (core/common/export) and its projection as `.npy`. */
export function PipelineExports({ lab, row, k }: { lab: LabSession; row: WireStudyRow; k: number }) {
  const dim = useApp(selectDatasetDim);
  const metric = useApp(selectDatasetMetric);
  const parsed = useMemo(() => parsePipeline(row.pipeline), [row.pipeline]);
  const results = useMemo(() => {
    const out = new Map<ExportTarget, ExportResult | string>();
    if (dim === null || metric === null) return out;
    for (const t of EXPORT_TARGETS) {
      try {
        out.set(t, exportPipeline(t, parsed, { dim, metric, k }));
      } catch (e) {
        out.set(t, (e as Error).message);
      }
    }
    return out;
  }, [parsed, dim, metric, k]);
  if (dim === null) return null;
  const faiss = results.get('faiss');
  const slug = pipelineSlug(row.pipeline);

  const saveProjection = async (which: 'data' | 'query' | 'mean') => {
    const r = await lab.projection(row.pipeline);
    if (!r) return;
    const m = which === 'data' ? r.data : which === 'query' ? r.query : r.mean;
    if (!m) return;
    const bytes = encodeNpy(Float32Array.from(m), which === 'mean' ? [r.inDim] : [r.inDim, r.outDim]);
    await saveFile(
      `${slug}.${which}.npy`,
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
    );
  };

  return (
    <div className="pipeline-exports" data-testid="pipeline-exports">
      <div>
        FAISS factory:{' '}
        {typeof faiss === 'string' || !faiss ? (
          <span className="dim">{faiss}</span>
        ) : (
          <code data-testid="faiss-factory">{String(faiss.json['factory'])}</code>
        )}
      </div>
      <div className="exports">
        configs:{' '}
        {EXPORT_TARGETS.map((t) => {
          const r = results.get(t);
          const ok = r !== undefined && typeof r !== 'string';
          return (
            <button
              key={t}
              className="small"
              data-testid={`export-${t}`}
              disabled={!ok}
              title={ok ? `${TARGET_NAMES[t]} configuration (JSON)` : (r as string)}
              onClick={() =>
                ok &&
                void saveFile(
                  `${slug}.${t}.json`,
                  JSON.stringify({ pipeline: row.pipeline, ...r.json, notes: r.notes }, null, 2) + '\n',
                  'application/json',
                )
              }
            >
              {TARGET_NAMES[t]}
            </button>
          );
        })}
      </div>
      {parsed.reduction && (
        <div className="exports">
          projection:{' '}
          <button className="small" data-testid="export-npy-data" onClick={() => void saveProjection('data')}>
            data .npy
          </button>
          <button
            className="small"
            data-testid="export-npy-query"
            onClick={() => void saveProjection('query')}
          >
            query .npy
          </button>
          {parsed.reduction.kind === 'PCA' && (
            <button
              className="small"
              data-testid="export-npy-mean"
              onClick={() => void saveProjection('mean')}
            >
              mean .npy
            </button>
          )}
        </div>
      )}
    </div>
  );
}
