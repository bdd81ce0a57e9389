import { useEffect, useRef, useState } from 'react';
import { CLUSTER_DEFAULTS } from '../../../core/common/recipes/clusterDefaults.js';
import type { ClusterMethod } from '../../../core/common/rpc/protocol.js';
import type { ClusterOptions } from '../engine/session.js';
import { useApp, useAppContext } from './context.js';
import {
  selectCapabilities,
  selectDatasetDim,
  selectDatasetN,
  selectFinalPositions,
  selectHasDataset,
  selectLayoutDim,
} from '../store/selectors.js';

type Space = 'default' | 'original' | 'umap' | 'layout';

interface Draft {
  method: ClusterMethod;
  k: string;
  minSize: string;
  space: Space;
  spaceDim: string;
}

const [DIM_LO, DIM_HI] = CLUSTER_DEFAULTS.umapDimRange;

/** An optional integer field: blank is the default (undefined), else a whole number in [lo, hi]. */
function parseField(text: string, lo: number, hi: number): { value: number | undefined } | { error: string } {
  const t = text.trim();
  if (t === '') return { value: undefined };
  const v = Number(t);
  if (!Number.isInteger(v) || v < lo || v > hi) return { error: `a whole number from ${lo} to ${hi}` };
  return { value: v };
}

function NumberField(props: {
  testId: string;
  label: string;
  title: string;
  value: string;
  placeholder: string;
  lo: number;
  hi: number;
  onChange: (v: string) => void;
}) {
  const parsed = parseField(props.value, props.lo, props.hi);
  const error = 'error' in parsed ? parsed.error : undefined;
  return (
    <label className="map-setting" title={props.title}>
      <span>{props.label}</span>
      <input
        type="number"
        data-testid={props.testId}
        min={props.lo}
        max={props.hi}
        step={1}
        value={props.value}
        placeholder={props.placeholder}
        aria-invalid={error !== undefined}
        className={error ? 'invalid' : ''}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {error && <em className="map-setting-error">{error}</em>}
    </label>
  );
}

/**
 * The ⚙ beside the cluster buttons: method, k (k-means) or minimum cluster size (HDBSCAN), and the space
 * clustered (the vectors, a UMAP of them to 5–10 dimensions, or the map on screen). Blank fields take the engine's
 * defaults (CLUSTER_DEFAULTS), shown as placeholders. Run starts the cluster job, which the job panel
 * shows with its progress and cancel button like every other.
 */
export function ClusterSettings() {
  const { session } = useAppContext();
  const hasDataset = useApp(selectHasDataset);
  const capabilities = useApp(selectCapabilities);
  const n = useApp(selectDatasetN) ?? 0;
  const dim = useApp(selectDatasetDim) ?? 0;
  const shownMap = useApp(selectFinalPositions);
  const shownDim = useApp(selectLayoutDim);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>({
    method: 'kmeans',
    k: '',
    minSize: '',
    space: 'default',
    spaceDim: '',
  });
  const anchor = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!anchor.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const kMax = Math.max(2, Math.min(1000, n));
  const k = parseField(draft.k, 2, kMax);
  const minSize = parseField(draft.minSize, 2, Math.max(2, n));
  const spaceDim = parseField(draft.spaceDim, DIM_LO, DIM_HI);
  const defaultSpace = CLUSTER_DEFAULTS.space(draft.method, dim);
  const space = draft.space === 'default' ? defaultSpace : draft.space;
  const options = (): ClusterOptions | null => {
    if ('error' in k || 'error' in minSize || 'error' in spaceDim) return null;
    const o: ClusterOptions = {};
    if (draft.method === 'kmeans' && k.value !== undefined) o.k = k.value;
    if (draft.method === 'hdbscan' && minSize.value !== undefined) o.minClusterSize = minSize.value;
    if (draft.space !== 'default') o.space = draft.space;
    if (space === 'umap' && spaceDim.value !== undefined) o.spaceDim = spaceDim.value;
    if (space === 'layout') {
      if (!shownMap) return null;
      o.positions = shownMap;
      o.positionsDim = shownDim;
    }
    return o;
  };
  const ready = hasDataset && capabilities.includes('cluster') && options() !== null;

  return (
    <span className="map-settings-anchor" ref={anchor}>
      <button
        data-testid="cluster-settings"
        title="cluster settings: method, k or minimum size, and the space clustered"
        className={open ? 'active' : ''}
        aria-expanded={open}
        disabled={!hasDataset}
        onClick={() => setOpen(!open)}
      >
        ⚙
      </button>
      {open && (
        <div
          className="map-settings"
          data-testid="cluster-settings-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <fieldset>
            <legend>Clusters</legend>
            <label className="map-setting">
              <span>method</span>
              <select
                data-testid="cluster-method"
                value={draft.method}
                onChange={(e) => setDraft({ ...draft, method: e.target.value as ClusterMethod })}
              >
                <option value="kmeans">k-means</option>
                <option value="hdbscan">HDBSCAN</option>
              </select>
            </label>
            {draft.method === 'kmeans' ? (
              <NumberField
                testId="cluster-k"
                label="k"
                title="the number of clusters"
                value={draft.k}
                placeholder={String(Math.min(n, CLUSTER_DEFAULTS.k(n)))}
                lo={2}
                hi={kMax}
                onChange={(v) => setDraft({ ...draft, k: v })}
              />
            ) : (
              <NumberField
                testId="cluster-min-size"
                label="min size"
                title="the smallest group that counts as a cluster; smaller groups become noise"
                value={draft.minSize}
                placeholder={String(CLUSTER_DEFAULTS.minClusterSize(n))}
                lo={2}
                hi={Math.max(2, n)}
                onChange={(v) => setDraft({ ...draft, minSize: v })}
              />
            )}
            <label
              className="map-setting"
              title="the vectors (on their leading PCA axes) or a seeded UMAP of them: HDBSCAN finds dense regions, which a high-dimensional space hardly has"
            >
              <span>space</span>
              <select
                data-testid="cluster-space"
                value={draft.space}
                onChange={(e) => setDraft({ ...draft, space: e.target.value as Space })}
              >
                <option value="default">default ({defaultSpace})</option>
                <option value="original">original</option>
                <option value="umap">UMAP</option>
                <option value="layout" disabled={!shownMap}>
                  the map on screen
                </option>
              </select>
            </label>
            {space === 'umap' && (
              <NumberField
                testId="cluster-space-dim"
                label="UMAP dims"
                title={`dimensions of the UMAP space clustered (${DIM_LO} to ${DIM_HI})`}
                value={draft.spaceDim}
                placeholder={String(CLUSTER_DEFAULTS.umapDim)}
                lo={DIM_LO}
                hi={DIM_HI}
                onChange={(v) => setDraft({ ...draft, spaceDim: v })}
              />
            )}
            <div className="map-setting-buttons">
              <button
                data-testid="cluster-run"
                disabled={!ready}
                onClick={() => {
                  const o = options();
                  if (!o) return;
                  void session.cluster(draft.method, o);
                  setOpen(false);
                }}
              >
                Run
              </button>
            </div>
          </fieldset>
        </div>
      )}
    </span>
  );
}
