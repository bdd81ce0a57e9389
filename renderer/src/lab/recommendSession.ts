import type { Params, Result } from '../../../core/common/rpc/protocol.js';
import type { Session } from '../engine/session.js';
import { hasQueryFile } from '../store/selectors.js';
import { effectiveMetric, effectiveQuerySet } from './querySets.js';

/** What the recommend panel asks: the target, the budget (bytes per vector, or RAM at a count), a q/s floor. */
export interface RecommendAsk {
  targetRecall: number;
  budget: { kind: 'bytes'; maxBytes: number } | { kind: 'ram'; maxRam: number; productionN: number };
  productionN?: number;
  minQps?: number;
}

/** One measured pipeline as the panel lists it. */
export interface TrialLine {
  stage: 'screen' | 'search' | 'trend';
  pipeline: string;
  recall: number | null;
  n: number;
  nq: number;
  error?: string;
}

/**
 * Runs a recommendation as a job (progress and cancel in the job panel): the pipelines it measures on
 * every query over the whole base stream into the lab's study table and charts as a study's rows do,
 * and every trial into `onTrial`. Undefined when nothing is open, it failed (the error banner says
 * why) or it was cancelled. No React here.
 */
export async function runRecommendation(
  session: Session,
  ask: RecommendAsk,
  onTrial: (t: TrialLine) => void,
  onStarted?: (cancel: () => void) => void,
): Promise<Result<'recommend'> | undefined> {
  const store = session.store;
  const s = store.getState();
  const ds = s.dataset;
  if (!ds) return undefined;
  const { k, maxQueries } = s.lab;
  const querySet = effectiveQuerySet(s.lab.querySet, ds, hasQueryFile(s));
  const metric = effectiveMetric(s.lab.metric, ds) ?? ds.metric;
  const params: Params<'recommend'> = {
    dataset: ds.id,
    k,
    querySet,
    maxQueries,
    metric,
    targetRecall: ask.targetRecall,
    ...(ask.budget.kind === 'bytes'
      ? { maxBytes: ask.budget.maxBytes }
      : { maxRam: ask.budget.maxRam, productionN: ask.budget.productionN }),
    ...(ask.budget.kind === 'bytes' && ask.productionN !== undefined ? { productionN: ask.productionN } : {}),
    ...(ask.minQps !== undefined ? { minQps: ask.minQps } : {}),
  };
  store.dispatch({ type: 'lab/studyStarted', datasetId: ds.id, querySet, maxQueries, k });
  const result = await session.job(
    `recommend (recall@${k} ≥ ${ask.targetRecall})`,
    'recommend',
    params,
    {
      onPartial: (p) => {
        onTrial({
          stage: p.stage,
          pipeline: p.pipeline,
          recall: p.recall,
          n: p.n,
          nq: p.nq,
          ...(p.error !== undefined ? { error: p.error } : {}),
        });
        if (p.row) store.dispatch({ type: 'lab/studyRow', datasetId: ds.id, row: p.row, nq: p.nq });
      },
    },
    onStarted,
  );
  store.dispatch({ type: 'lab/studyEnded', datasetId: ds.id, result: null });
  if (result) store.dispatch({ type: 'lab/select', pipeline: result.pipeline });
  return result;
}
