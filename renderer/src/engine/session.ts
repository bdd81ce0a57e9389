import {
  RpcClient,
  RpcError,
  type Call,
  type CallOptions,
  type FramePort,
} from '../../../core/common/rpc/client.js';
import type { ClusterMethod, MethodName, Params, Result } from '../../../core/common/rpc/protocol.js';
import type { Workspace } from '../../../core/common/workspace/workspaceFile.js';

/** The cluster panel's settings beside the method. */
export type ClusterOptions = Omit<Params<'cluster'>, 'dataset' | 'method'>;
import type { AppStore } from '../store/appStore.js';
import { filterSessionFor } from '../filter/filterSession.js';
import { layoutKey, layoutParamsKey, layoutRequestParams, type MapParams } from '../store/state.js';

const NEIGHBOURS_K = 10;
/** Files that may be tables of texts, which the engine embeds on open. */
/** How `open` reads a source: a table of texts' column and model, and a row limit (--max-rows). */
export interface OpenOptions {
  textColumn?: string;
  textModel?: string;
  maxRows?: number;
}

/** What the embed dialog asks about: a table of texts, its text columns, and the row limit to open it with. */
export interface TextPick {
  source: string;
  columns: string[];
  maxRows?: number;
}

const TEXT_TABLE = /\.(txt|tsv|tab|csv|jsonl|ndjson|parquet)(\.gz)?$/i;
/** How the job panel names a map setting (as umap-learn and scikit-learn call them). */
const SETTING_NAMES: Record<string, string> = {
  neighbors: 'n_neighbors',
  minDist: 'min_dist',
  perplexity: 'perplexity',
};
const TABLE_ROWS = 500;

/**
 * Connects the store to the engine host: turns user intents into RPC calls and their replies into
 * store actions, runs long calls as jobs (progress, cancel), and when the host dies says so, gets a
 * new one and reopens the data set with the same settings. No React and no DOM here.
 */
export class Session {
  private client: RpcClient | null = null;
  private epoch = 0;
  private readonly cancels = new Map<string, () => void>();
  /** Layout requests on their way, by data set, method, dimension and settings; the value cancels one. */
  private readonly inFlightLayouts = new Map<
    string,
    { method: Params<'layout'>['method']; params: string; cancel: () => void }
  >();
  private readonly rowCache = new Map<number, { columns: string[]; values: string[] }>();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts listDir requests, so a slow answer for a folder already left is dropped. */
  private browseSeq = 0;
  private stopped = false;
  private previousLayout: { method: Params<'layout'>['method']; dim: 2 | 3 } | null = null;
  private readonly fingerprints = new Map<string, string>();

  constructor(
    readonly store: AppStore,
    private readonly connect: () => Promise<FramePort>,
  ) {}

  /**
   * Connects (retrying while the host starts) and opens the first data set with its metadata file
   * (`vecscope web --metadata`), or the workspace given.
   */
  async start(initialSource: string, initialMetadata?: string, workspace?: Workspace): Promise<void> {
    await this.attach();
    if (workspace) await this.restoreWorkspace(workspace, initialSource);
    else if ((await this.open(initialSource)) && initialMetadata) await this.attachMetadata(initialMetadata);
  }

  /** The open data set's fingerprint (computed once by the engine), or null if it cannot be had. */
  async fingerprint(datasetId: string): Promise<string | null> {
    const known = this.fingerprints.get(datasetId);
    if (known) return known;
    try {
      const { fingerprint } = await this.rpc().call('fingerprint', { dataset: datasetId }).result;
      this.fingerprints.set(datasetId, fingerprint);
      return fingerprint;
    } catch {
      return null;
    }
  }

  /**
   * Opens a workspace's data set and restores what it shows. Its results (maps, clusters, selection,
   * study) come back only when the rows are the ones it was saved from (same fingerprint); otherwise the
   * view settings do and the user is told why the rest did not. If its data set cannot be opened,
   * `fallback` is opened instead.
   */
  async restoreWorkspace(ws: Workspace, fallback?: string): Promise<boolean> {
    let restored: Workspace | null = null;
    const ok = await this.open(
      ws.dataset.source,
      false,
      async (summary) => {
        // Columns the view may colour by come from the attached file: attach it before the view applies.
        if (ws.dataset.metadata !== undefined) await this.attachMetadata(ws.dataset.metadata);
        if (ws.lab.queryFile) await this.attachQueries(ws.lab.queryFile.path, ws.lab.queryFile.learnPath);
        const fp = await this.fingerprint(summary.id);
        const same =
          fp === ws.dataset.fingerprint && summary.n === ws.dataset.n && summary.dim === ws.dataset.dim;
        this.store.dispatch({
          type: 'workspaceRestored',
          datasetId: summary.id,
          workspace: ws,
          withResults: same,
        });
        if (!same)
          this.store.dispatch({
            type: 'error',
            message:
              `${ws.dataset.source}: the data changed since the workspace was saved (${summary.n} × ${summary.dim}, ` +
              `fingerprint ${fp ?? 'unknown'} against ${ws.dataset.fingerprint}); the view settings are restored, ` +
              'the maps, clusters, selection and study results are not',
          });
        restored = ws;
        // The filter's rows come from the engine, over the columns just restored.
        if (ws.view.filter !== undefined) await filterSessionFor(this).apply(ws.view.filter);
      },
      {
        ...(ws.dataset.textColumn !== undefined ? { textColumn: ws.dataset.textColumn } : {}),
        ...(ws.dataset.textModel !== undefined ? { textModel: ws.dataset.textModel } : {}),
        ...(ws.dataset.maxRows !== undefined ? { maxRows: ws.dataset.maxRows } : {}),
      },
    );
    if (!ok) return fallback !== undefined && fallback !== ws.dataset.source ? this.open(fallback) : false;
    const sel = this.store.getState().selection;
    if (restored && sel) void this.select(sel);
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.client?.close();
  }

  private async attach(announce = true): Promise<Result<'hello'>> {
    let delay = 200;
    for (;;) {
      try {
        const port = await this.connect();
        const client = new RpcClient(port);
        const epoch = ++this.epoch;
        const hello = await client.call('hello', {}).result;
        this.client = client;
        this.rowCache.clear();
        this.inFlightLayouts.clear();
        client.onClose((reason) => {
          if (!this.stopped && this.epoch === epoch) void this.recover(reason);
        });
        if (announce)
          this.store.dispatch({ type: 'connected', capabilities: hello.capabilities, cwd: hello.cwd });
        return hello;
      } catch (e) {
        if (this.stopped) throw e;
        // A few quick retries cover a host that is starting; after that the user should know why.
        if (delay >= 1600) this.store.dispatch({ type: 'unreachable', reason: (e as Error).message });
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(3000, delay * 2);
      }
    }
  }

  private async recover(reason: string): Promise<void> {
    this.client = null;
    this.cancels.clear();
    this.store.dispatch({ type: 'connectionLost', reason });
    // The app counts as reconnected only once the data set is open again on the new host.
    const hello = await this.attach(false);
    const { source, attachedMetadata, lab, dataset } = this.store.getState();
    const queryFile = lab.queryFile && lab.queryFile.datasetId === dataset?.id ? lab.queryFile : null;
    // A table of texts opens again from the same column, embedded by the same model (the cache answers).
    const text = dataset?.textSource;
    const reopen: OpenOptions = {
      ...(text ? { textColumn: text.column } : {}),
      ...(text?.modelDir !== undefined ? { textModel: text.modelDir } : {}),
      // The same sample: the same seed and count give the same rows.
      ...(dataset?.sampledFrom !== undefined ? { maxRows: dataset.n } : {}),
    };
    if (source !== null && (await this.open(source, true, undefined, reopen))) {
      if (attachedMetadata) await this.attachMetadata(attachedMetadata);
      // The new host knows nothing of the user's query file: attach it again, or the lab's `file` set is gone.
      if (queryFile) await this.attachQueries(queryFile.file, queryFile.learnFile);
    }
    this.store.dispatch({ type: 'connected', capabilities: hello.capabilities, cwd: hello.cwd });
  }

  rpc(): RpcClient {
    if (!this.client) throw new RpcError('disconnected', 'the engine is restarting');
    return this.client;
  }

  /** Runs a call as a job the job panel shows; resolves to its result, or undefined if it failed or was cancelled. */
  async job<M extends MethodName>(
    label: string,
    method: M,
    params: Params<M>,
    opts: CallOptions<M> = {},
    onStarted?: (cancel: () => void) => void,
  ): Promise<Result<M> | undefined> {
    let call: Call<M>;
    try {
      call = this.rpc().call(method, params, {
        ...opts,
        onProgress: (p) => {
          this.store.dispatch({ type: 'jobProgress', id, ...p });
          opts.onProgress?.(p);
        },
      });
    } catch (e) {
      this.store.dispatch({ type: 'error', message: (e as Error).message });
      return undefined;
    }
    const id = `${this.epoch}:${call.id}`;
    this.store.dispatch({ type: 'jobStarted', id, label });
    this.cancels.set(id, () => call.cancel());
    onStarted?.(() => call.cancel());
    try {
      const result = await call.result;
      this.store.dispatch({ type: 'jobEnded', id, status: 'done' });
      return result;
    } catch (e) {
      const err = e as RpcError;
      if (err.code === 'cancelled') {
        this.store.dispatch({ type: 'jobEnded', id, status: 'cancelled' });
      } else {
        this.store.dispatch({ type: 'jobEnded', id, status: 'failed', error: err.message });
        if (err.code !== 'disconnected')
          this.store.dispatch({ type: 'error', message: `${label}: ${err.message}` });
      }
      return undefined;
    } finally {
      this.cancels.delete(id);
    }
  }

  cancelJob(id: string): void {
    this.cancels.get(id)?.();
  }

  /**
   * Opens a data set; on failure the open one stays as it was and the error is shown. `prepare` runs
   * once its metadata is in and before its map is asked for (a workspace restores its view there).
   */
  async open(
    source: string,
    restoring = false,
    prepare?: (summary: Result<'open'>) => Promise<void>,
    opts: OpenOptions = {},
  ): Promise<boolean> {
    const { textColumn, textModel, maxRows } = opts;
    // A table of texts with several text columns: the user picks the one to embed first.
    if (textColumn === undefined && TEXT_TABLE.test(source) && this.onTextPicker) {
      const columns = await this.textColumns(source);
      if (columns.length > 1) {
        this.onTextPicker({ source, columns, ...(maxRows !== undefined ? { maxRows } : {}) });
        return false;
      }
    }
    const label = source === 'sample' ? 'open the sample' : `open ${source.split(/[\\/]/).pop()}`;
    const params = {
      source,
      ...(textColumn !== undefined ? { textColumn } : {}),
      ...(textModel !== undefined && textModel.trim() !== '' ? { textModel: textModel.trim() } : {}),
      ...(maxRows !== undefined ? { maxRows } : {}),
    };
    const summary = await this.job(label, 'open', params);
    if (!summary) return false;
    const previous = this.store.getState().dataset;
    // The same source still open comes back as the same data set: closing it would close the new one.
    if (previous && !restoring && previous.id !== summary.id)
      void this.client?.call('close', { dataset: previous.id }).result.catch(() => {});
    this.store.dispatch({ type: 'datasetOpened', source, dataset: summary, restoring });
    await this.loadColumns(summary.id);
    await prepare?.(summary);
    void this.ensureLayout();
    void this.analyze();
    const s = this.store.getState();
    if ((restoring || prepare) && s.searchText.trim() !== '') this.search(s.searchText);
    return true;
  }

  /** Reads a data set's metadata columns into the store (after an open, or a metadata file attached). */
  private async loadColumns(datasetId: string): Promise<void> {
    this.rowCache.clear();
    const meta = await this.rpc()
      .call('metadata', { dataset: datasetId })
      .result.catch((e: Error) => {
        this.store.dispatch({ type: 'error', message: `metadata: ${e.message}` });
        return undefined;
      });
    if (meta) this.store.dispatch({ type: 'metadataLoaded', datasetId, columns: meta.columns });
  }

  /**
   * Attaches a metadata file to the open data set; on success every column (colour-by, legend, search,
   * the lab's recall-by) is read again, on failure the data set and its metadata stay as they were.
   */
  async attachMetadata(path: string): Promise<boolean> {
    const ds = this.store.getState().dataset;
    if (!ds) {
      this.store.dispatch({ type: 'error', message: 'open a data set before attaching metadata' });
      return false;
    }
    const summary = await this.job(`attach ${path.split(/[\\/]/).pop()}`, 'attachMetadata', {
      dataset: ds.id,
      path,
    });
    if (!summary) return false;
    this.store.dispatch({ type: 'metadataAttached', dataset: summary, path });
    await this.loadColumns(summary.id);
    const text = this.store.getState().searchText;
    if (text.trim() !== '') this.search(text);
    return true;
  }

  /**
   * Attaches the user's query file (and learning queries) to the open data set; it becomes the lab's
   * query set. A bad file is one error line and the lab keeps what it had.
   */
  async attachQueries(path: string, learnPath?: string): Promise<boolean> {
    const ds = this.store.getState().dataset;
    if (!ds || path.trim() === '') return false;
    const name = path.split(/[\\/]/).pop() ?? path;
    const learnFile = learnPath && learnPath.trim() !== '' ? learnPath.trim() : undefined;
    const r = await this.job(`open query file ${name}`, 'attachQueries', {
      dataset: ds.id,
      path: path.trim(),
      ...(learnFile !== undefined ? { learnPath: learnFile } : {}),
    });
    if (!r) return false;
    this.store.dispatch({
      type: 'lab/queryFileAttached',
      queryFile: { datasetId: ds.id, ...r, ...(learnFile !== undefined ? { learnFile } : {}) },
    });
    return true;
  }

  /**
   * Compares the open data set with a second embedding of its rows (`path`); the agreement paints the
   * map. Labels for k-NN accuracy: the category column the map is coloured by, if any. A table of
   * texts as B is embedded by `textModel` (a folder; empty: the built-in USE-lite).
   */
  async compareWith(path: string, k?: number, textModel?: string): Promise<boolean> {
    const s = this.store.getState();
    const ds = s.dataset;
    if (!ds || path.trim() === '') return false;
    const column =
      s.colorBy.kind === 'column'
        ? s.columns.find((c) => c.type === 'category' && c.name === (s.colorBy as { name: string }).name)
        : undefined;
    const r = await this.job(`compare with ${path.split(/[\\/]/).pop()}`, 'compareModels', {
      dataset: ds.id,
      path: path.trim(),
      ...(textModel !== undefined && textModel.trim() !== '' ? { textModel: textModel.trim() } : {}),
      ...(k !== undefined ? { k } : {}),
      ...(column ? { labelColumn: column.name } : {}),
    });
    if (!r) return false;
    this.store.dispatch({ type: 'compareLoaded', datasetId: ds.id, result: r });
    return true;
  }

  /** Shows the file browser; choosing a file opens it or attaches it as metadata (`purpose`). */
  openBrowser(purpose: 'open' | 'metadata'): void {
    this.store.dispatch({ type: 'browserOpened', purpose });
    void this.browse(undefined);
  }

  /** Lists a folder in the file browser (undefined: the places the engine may open). */
  async browse(path: string | undefined): Promise<void> {
    const seq = ++this.browseSeq;
    try {
      const listing = await this.rpc().call('listDir', path === undefined ? {} : { path }).result;
      if (seq === this.browseSeq) this.store.dispatch({ type: 'browserListed', listing });
    } catch (e) {
      if (seq === this.browseSeq)
        this.store.dispatch({ type: 'browserFailed', message: (e as Error).message });
    }
  }

  /** The file browser's choice: the browser closes and the file is opened or attached. */
  async choose(path: string): Promise<boolean> {
    const purpose = this.store.getState().browser?.purpose ?? 'open';
    this.store.dispatch({ type: 'browserClosed' });
    return purpose === 'metadata' ? this.attachMetadata(path) : this.openChosen(path);
  }

  /** Requests the current layout (method, dimension, map settings) unless it is there or on its way. */
  async ensureLayout(): Promise<void> {
    const s = this.store.getState();
    const ds = s.dataset;
    if (!ds) return;
    const { layoutMethod: method, layoutDim: dim } = s;
    const params = layoutParamsKey(method, s.mapParams);
    const key = `${ds.id}:${layoutKey(method, dim)}:${params}`;
    const have = s.layouts[layoutKey(method, dim)];
    if ((have?.final && have.params === params) || this.inFlightLayouts.has(key)) return;
    const flight = { method, params, cancel: () => {} };
    this.inFlightLayouts.set(key, flight);
    const extra = layoutRequestParams(method, s.mapParams);
    const settings = Object.entries(extra)
      .map(([k, v]) => `${SETTING_NAMES[k] ?? k} ${v}`)
      .join(', ');
    try {
      const result = await this.job(
        `${method.toUpperCase()} ${dim}-D map${settings ? ` (${settings})` : ''}`,
        'layout',
        { dataset: ds.id, method, dim, ...extra },
        {
          onPartial: (p) =>
            this.store.dispatch({
              type: 'layoutReceived',
              datasetId: ds.id,
              method,
              dim,
              positions: p.positions,
              final: false,
              params,
            }),
        },
        (cancel) => (flight.cancel = cancel),
      );
      if (result) {
        this.store.dispatch({
          type: 'layoutReceived',
          datasetId: ds.id,
          method,
          dim,
          positions: result.positions,
          final: true,
          params,
        });
      } else {
        // Cancelled or failed: go back to the map shown before, if the user still waits on this one.
        const now = this.store.getState();
        if (
          now.dataset?.id === ds.id &&
          now.layoutMethod === method &&
          now.layoutDim === dim &&
          layoutParamsKey(method, now.mapParams) === params &&
          this.previousLayout
        ) {
          this.store.dispatch({ type: 'setLayout', ...this.previousLayout });
        }
      }
    } finally {
      this.inFlightLayouts.delete(key);
    }
  }

  setLayout(method?: Params<'layout'>['method'], dim?: 2 | 3): void {
    const s = this.store.getState();
    const shown = s.layouts[layoutKey(s.layoutMethod, s.layoutDim)];
    if (shown?.final && shown.params === layoutParamsKey(s.layoutMethod, s.mapParams)) {
      this.previousLayout = { method: s.layoutMethod, dim: s.layoutDim };
    }
    this.store.dispatch({ type: 'setLayout', method, dim: dim as 2 | 3 | undefined });
    void this.ensureLayout();
  }

  /**
   * Applies map settings (validated by the caller against MAP_PARAM_RANGES) and shows `method`'s map
   * with them: jobs still computing a map with the old settings are cancelled, and the new map is
   * requested (the engine answers at once when it has computed it before).
   */
  applyMapParams(params: Partial<MapParams>, method?: Params<'layout'>['method']): void {
    this.store.dispatch({ type: 'setMapParams', params });
    const s = this.store.getState();
    for (const f of this.inFlightLayouts.values())
      if (f.params !== layoutParamsKey(f.method, s.mapParams)) f.cancel();
    this.setLayout(method);
  }

  async analyze(): Promise<void> {
    const ds = this.store.getState().dataset;
    if (!ds) return;
    const r = await this.job('analyse the data set', 'analyze', { dataset: ds.id });
    if (r) this.store.dispatch({ type: 'analysisLoaded', datasetId: ds.id, ...r });
  }

  /** Clusters the data set as a job (progress, cancel); absent options take CLUSTER_DEFAULTS in the engine. */
  async cluster(method: ClusterMethod, options: ClusterOptions = {}): Promise<void> {
    const ds = this.store.getState().dataset;
    if (!ds) return;
    const r = await this.job(`${method} clusters`, 'cluster', { dataset: ds.id, method, ...options });
    if (r)
      this.store.dispatch({
        type: 'clustersReceived',
        datasetId: ds.id,
        method,
        space: r.space,
        labels: r.labels,
        names: r.names,
      });
  }

  async fetchRows(rows: Int32Array): Promise<{ columns: string[]; values: string[][] } | undefined> {
    const ds = this.store.getState().dataset;
    if (!ds || !this.client) return undefined;
    try {
      return await this.client.call('rows', { dataset: ds.id, rows }).result;
    } catch {
      return undefined;
    }
  }

  /** Thumbnails of some rows of the open data set (at most THUMBNAIL_BATCH); undefined when the engine did not answer. */
  async fetchThumbnails(datasetId: string, rows: Int32Array): Promise<Result<'thumbnails'> | undefined> {
    if (!this.client) return undefined;
    try {
      return await this.client.call('thumbnails', { dataset: datasetId, rows, maxSide: 96 }).result;
    } catch {
      return undefined;
    }
  }

  async hover(row: number | null): Promise<void> {
    this.store.dispatch({ type: 'hover', row });
    if (row === null) return;
    let cached = this.rowCache.get(row);
    if (!cached) {
      const t = await this.fetchRows(Int32Array.of(row));
      if (!t || !t.values[0]) return;
      cached = { columns: t.columns, values: t.values[0] };
      if (this.rowCache.size > 500) this.rowCache.clear();
      this.rowCache.set(row, cached);
    }
    this.store.dispatch({
      type: 'tooltipLoaded',
      row,
      table: { columns: cached.columns, values: [cached.values] },
    });
  }

  /** A click on a point lists its exact nearest neighbours (from the full vectors); on empty space clears. */
  async click(row: number | null): Promise<void> {
    const ds = this.store.getState().dataset;
    if (row === null || !ds) {
      this.store.dispatch({ type: 'clearFocus' });
      return;
    }
    this.store.dispatch({ type: 'focusRequested', row });
    try {
      const r = await this.rpc().call('knn', { dataset: ds.id, row, k: NEIGHBOURS_K }).result;
      this.store.dispatch({ type: 'focus', row, ids: r.ids, dists: r.dists });
      if (this.store.getState().focus?.ids !== r.ids) return;
      const table = await this.fetchRows(Int32Array.from([row, ...r.ids]));
      if (table) this.store.dispatch({ type: 'focusTableLoaded', ids: r.ids, table });
    } catch (e) {
      this.store.dispatch({ type: 'focusFailed', row });
      this.store.dispatch({ type: 'error', message: `neighbours: ${(e as Error).message}` });
    }
  }

  /**
   * Measures how faithful a final map is (once per layout array and label source; the store keeps the
   * answers), as a job in the job panel.
   */
  async measureMap(req: {
    positions: Float32Array;
    dim: 2 | 3;
    source: string;
    labels: Int32Array | undefined;
    label: string;
  }): Promise<void> {
    const { dataset, mapQuality } = this.store.getState();
    if (!dataset || mapQuality.some((e) => e.positions === req.positions && e.source === req.source)) return;
    const quality = await this.job(req.label, 'mapQuality', {
      dataset: dataset.id,
      dim: req.dim,
      positions: req.positions,
      ...(req.labels ? { labels: req.labels } : {}),
    });
    if (quality)
      this.store.dispatch({
        type: 'mapQualityLoaded',
        entry: { positions: req.positions, source: req.source, quality },
      });
  }

  /**
   * Measures, per point, the share of its 10 exact nearest neighbours a final map lost, and paints the
   * map with it (the store's `mapPaint`); `mapPaintPending` says a measurement is on its way.
   */
  async paintMapLoss(req: { positions: Float32Array; dim: 2 | 3; label: string }): Promise<void> {
    const ds = this.store.getState().dataset;
    if (!ds) return;
    const { positions, dim } = req;
    this.store.dispatch({ type: 'mapPaintStarted', positions });
    const r = await this.job(req.label, 'mapQuality', { dataset: ds.id, dim, positions, perPoint: true });
    this.store.dispatch({ type: 'mapPaintEnded', positions, lost: r?.lost ?? null });
  }

  async select(rows: Int32Array | null): Promise<void> {
    this.store.dispatch({ type: 'select', rows });
    const sel = this.store.getState().selection;
    if (!sel) return;
    const t = await this.fetchRows(sel.subarray(0, TABLE_ROWS).slice());
    if (t) this.store.dispatch({ type: 'selectionTableLoaded', rows: sel, table: t });
  }

  /** Searches the metadata text (debounced) and highlights the matching rows. */
  search(text: string): void {
    this.store.dispatch({ type: 'setSearchText', text });
    clearTimeout(this.searchTimer);
    if (text.trim() === '') return;
    this.searchTimer = setTimeout(async () => {
      const ds = this.store.getState().dataset;
      if (!ds || !this.client) return;
      try {
        const r = await this.client.call('search', { dataset: ds.id, text }).result;
        this.store.dispatch({ type: 'searchResult', text, rows: r.rows });
      } catch (e) {
        this.store.dispatch({ type: 'error', message: `search: ${(e as Error).message}` });
      }
    }, 150);
  }

  /**
   * Opens a file the user chose (path box, file browser, Open…): a table of texts first shows the
   * embed dialog, where the column and the model are picked; anything else opens at once. The
   * toolbar's row limit (openMaxRows) applies.
   */
  async openChosen(source: string): Promise<boolean> {
    const limit = this.store.getState().openMaxRows;
    const maxRows = limit === null ? {} : { maxRows: limit };
    if (TEXT_TABLE.test(source) && this.onTextPicker) {
      const columns = await this.textColumns(source);
      if (columns.length > 0) {
        this.onTextPicker({ source, columns, ...maxRows });
        return false;
      }
    }
    return this.open(source, false, undefined, maxRows);
  }

  /** Shows the text-column picker (set by TextColumnPicker while it is mounted). */
  onTextPicker: ((p: TextPick) => void) | undefined;

  /** The text columns a table could be embedded from; none when it is not a table of texts. */
  private async textColumns(source: string): Promise<string[]> {
    try {
      return (await this.rpc().call('textColumns', { path: source }).result).columns;
    } catch {
      return [];
    }
  }

  /**
   * Semantic search: the typed text embedded by the engine with the data set's model, its nearest rows
   * best first; they are selected, so the map highlights them.
   */
  async semanticSearch(text: string, k: number): Promise<Result<'semanticSearch'> | undefined> {
    const ds = this.store.getState().dataset;
    if (!ds || text.trim() === '') return undefined;
    const r = await this.job(`semantic search "${text.slice(0, 40)}"`, 'semanticSearch', {
      dataset: ds.id,
      text,
      k,
    });
    if (r) await this.select(r.ids);
    return r;
  }

  /** Test hook: makes the engine host exit (refused unless the host runs with test hooks). */
  async crashEngine(): Promise<void> {
    await this.rpc().call('crash', {}).result;
  }
}
