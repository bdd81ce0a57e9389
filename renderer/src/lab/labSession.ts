import type { Result } from '../../../core/common/rpc/protocol.js';
import type { Session } from '../engine/session.js';
import { parseSweep } from './builder.js';
import { effectiveMetric, effectiveQuerySet } from './querySets.js';
import { hasQueryFile } from '../store/selectors.js';

/**
 * The lab's engine calls: a study runs as a job (progress and cancel in the job panel) whose rows
 * stream into the store; the query overlay asks for the same query set's exact neighbours and OOD
 * scores. No React here.
 */
export class LabSession {
  constructor(private readonly session: Session) {}

  private get store() {
    return this.session.store;
  }

  /** Runs the sweep text as a study; false when it does not parse or nothing is open. */
  async runSweep(): Promise<boolean> {
    const s = this.store.getState();
    const ds = s.dataset;
    if (!ds) return false;
    let pipelines: string[];
    try {
      pipelines = parseSweep(s.lab.sweepText);
    } catch (e) {
      this.store.dispatch({ type: 'error', message: (e as Error).message });
      return false;
    }
    if (pipelines.length === 0) {
      this.store.dispatch({ type: 'error', message: 'the sweep is empty: add a pipeline' });
      return false;
    }
    const { k, maxQueries } = s.lab;
    // What the lab shows as chosen, never a set this data set lacks.
    const querySet = effectiveQuerySet(s.lab.querySet, ds, hasQueryFile(s));
    const metric = effectiveMetric(s.lab.metric, ds) ?? ds.metric;
    this.store.dispatch({ type: 'lab/studyStarted', datasetId: ds.id, querySet, maxQueries, k });
    const result = await this.session.job(
      `compression study (${pipelines.length} pipeline${pipelines.length > 1 ? 's' : ''})`,
      'study',
      {
        dataset: ds.id,
        pipelines,
        k,
        querySet,
        maxQueries,
        metric,
        // The explorer's filter and the lab's sweep switch: each pipeline is also measured under them.
        ...(s.filter.applied ? { filter: s.filter.applied.predicate } : {}),
        ...(s.lab.selectivitySweep ? { selectivitySweep: true } : {}),
      },
      {
        onPartial: (p) =>
          this.store.dispatch({
            type: 'lab/studyRow',
            datasetId: ds.id,
            row: p.row,
            nq: p.nq,
            busy: p.busy,
          }),
      },
    );
    this.store.dispatch({ type: 'lab/studyEnded', datasetId: ds.id, result: result ?? null });
    if (result) void this.loadQueries();
    return result !== undefined;
  }

  /**
   * The projection matrices of a pipeline's reduction (fitted as the study fitted it), for saving as
   * `.npy`; undefined when nothing is open or the job failed. A file, never shown, so not stored.
   */
  /**
   * Runs the sweep on both models of the comparison (ComparePanel): the same pipelines and k, with
   * held-out base rows as the queries of both (the one query set two embeddings of the same rows
   * share, each in its own space), so the two frontiers compare like with like. The open model's
   * study is reused when it already is that; model B opens beside it, not in its place.
   */
  async runSweepOnBoth(): Promise<boolean> {
    const s = this.store.getState();
    const ds = s.dataset;
    const cmp = s.compare;
    if (!ds || !cmp || cmp.datasetId !== ds.id) return false;
    let pipelines: string[];
    try {
      pipelines = parseSweep(s.lab.sweepText);
    } catch (e) {
      this.store.dispatch({ type: 'error', message: (e as Error).message });
      return false;
    }
    if (s.lab.querySet !== 'base') this.store.dispatch({ type: 'lab/setSettings', querySet: 'base' });
    const { k, maxQueries } = s.lab;
    const st = s.lab.study;
    const same =
      st !== null &&
      !st.running &&
      st.datasetId === ds.id &&
      st.querySet === 'base' &&
      st.k === k &&
      st.maxQueries === maxQueries &&
      st.rows.length === pipelines.length &&
      pipelines.every((p) => st.rows.some((r) => r.pipeline === p));
    if (!same && !(await this.runSweep())) return false;
    const name = cmp.file.split(/[\\/]/).pop() ?? cmp.file;
    const b = await this.session.job(`open model B ${name}`, 'open', {
      source: cmp.file,
      ...(cmp.textModel !== undefined ? { textModel: cmp.textModel } : {}),
      ...(cmp.textColumn !== undefined ? { textColumn: cmp.textColumn } : {}),
    });
    if (!b) return false;
    this.store.dispatch({ type: 'lab/modelBStarted', datasetId: ds.id, file: cmp.file, querySet: 'base', k });
    const result = await this.session.job(
      `compression study of model B (${pipelines.length} pipeline${pipelines.length > 1 ? 's' : ''})`,
      'study',
      { dataset: b.id, pipelines, k, querySet: 'base', maxQueries, metric: cmp.metricB },
      { onPartial: (p) => this.store.dispatch({ type: 'lab/modelBRow', datasetId: ds.id, row: p.row }) },
    );
    this.store.dispatch({ type: 'lab/modelBEnded', datasetId: ds.id, rows: result?.rows ?? null });
    return result !== undefined;
  }

  /**
   * Attaches the user's query file (and learning queries) to the open data set; it becomes the lab's
   * query set. A bad file is one error line and the lab keeps what it had.
   */
  attachQueries(path: string, learnPath?: string): Promise<boolean> {
    return this.session.attachQueries(path, learnPath);
  }

  async projection(pipeline: string): Promise<Result<'studyProjection'> | undefined> {
    const { dataset: ds, lab } = this.store.getState();
    if (!ds) return undefined;
    const study = lab.study;
    return this.session.job(`projection of ${pipeline}`, 'studyProjection', {
      dataset: ds.id,
      pipeline,
      ...(study ? { querySet: study.querySet, maxQueries: study.maxQueries } : {}),
    });
  }

  /**
   * Runs a pipeline's nearest equivalent in a database on the study's query set (a job: progress and
   * cancel in the job panel); the result lands in the lab's state with the map painting its losses.
   */
  async verify(pipeline: string, engine: 'pglite' | 'postgres' | 'lancedb', url?: string): Promise<void> {
    const { dataset: ds, lab } = this.store.getState();
    if (!ds) return;
    const study = lab.study;
    const querySet =
      study?.querySet ?? effectiveQuerySet(lab.querySet, ds, hasQueryFile(this.store.getState()));
    const result = await this.session.job(`verify ${pipeline} in ${engine}`, 'verifyPipeline', {
      dataset: ds.id,
      pipeline,
      engine,
      ...(engine === 'postgres' && url ? { url } : {}),
      k: study?.k ?? lab.k,
      querySet,
      maxQueries: study?.maxQueries ?? lab.maxQueries,
      metric: effectiveMetric(lab.metric, ds) ?? ds.metric,
    });
    if (result)
      this.store.dispatch({ type: 'lab/verified', run: { datasetId: ds.id, pipeline, result, paint: true } });
  }

  /** Loads display texts of base rows the query panel lists (those not loaded yet). */
  async loadRowTexts(ids: readonly number[]): Promise<void> {
    const have = this.store.getState().lab.rowTexts;
    const need = [...new Set(ids)].filter((id) => id >= 0 && !have.has(id));
    if (need.length === 0) return;
    const t = await this.session.fetchRows(Int32Array.from(need));
    if (!t) return;
    // The most telling text column: a definition, a title, else the first text cell after the row number.
    const pick =
      ['definition', 'text', 'title', 'lemmas'].map((c) => t.columns.indexOf(c)).find((i) => i >= 0) ?? 1;
    this.store.dispatch({
      type: 'lab/rowTexts',
      texts: new Map(need.map((id, i) => [id, t.values[i]?.[pick] ?? ''])),
    });
  }

  /** Loads the study's query set for the map overlay (exact neighbours and OOD scores). */
  async loadQueries(): Promise<void> {
    const s = this.store.getState();
    const ds = s.dataset;
    if (!ds) return;
    const querySet = s.lab.study?.querySet ?? effectiveQuerySet(s.lab.querySet, ds, hasQueryFile(s));
    const maxQueries = s.lab.study?.maxQueries ?? s.lab.maxQueries;
    const k = s.lab.study?.k ?? s.lab.k;
    const q = s.lab.queries;
    if (
      q &&
      q.datasetId === ds.id &&
      q.querySet === querySet &&
      q.maxQueries === maxQueries &&
      q.result.k === k
    )
      return;
    const result = await this.session.job('place the queries on the map', 'studyQueries', {
      dataset: ds.id,
      querySet,
      maxQueries,
      k,
    });
    if (result)
      this.store.dispatch({
        type: 'lab/queriesLoaded',
        data: { datasetId: ds.id, querySet, maxQueries, result },
      });
  }
}
