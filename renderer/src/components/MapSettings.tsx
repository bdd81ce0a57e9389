import { useEffect, useRef, useState } from 'react';
import {
  MAP_PARAM_DEFAULTS,
  MAP_PARAM_RANGES,
  type LayoutMethod,
} from '../../../core/common/rpc/protocol.js';
import { parseMapParam } from '../store/parseMapParam.js';
import type { MapParams } from '../store/state.js';
import { useApp, useAppContext } from './context.js';
import { selectCapabilities, selectHasDataset, selectMapParams } from '../store/selectors.js';

/** "Tight clusters": a smaller neighbourhood and no minimum distance pack each clump densely. On mnist10k
 * (9,000 digits) its neighbourhood hit is within seed noise of the defaults' (0.897/0.907/0.896 against
 * 0.904/0.885/0.904 for seeds 1/42/2), so it is offered as a look, not as a better map. */
const TIGHT_CLUSTERS = { neighbors: 10, minDist: 0 } as const;

type Draft = Record<keyof MapParams, string>;

const toDraft = (p: MapParams): Draft => ({
  neighbors: String(p.neighbors),
  minDist: String(p.minDist),
  perplexity: String(p.perplexity),
});

function Field(props: {
  name: keyof MapParams;
  label: string;
  title: string;
  draft: Draft;
  setDraft: (d: Draft) => void;
}) {
  const { name, draft } = props;
  const r = MAP_PARAM_RANGES[name];
  const parsed = parseMapParam(name, draft[name]);
  const error = 'error' in parsed ? parsed.error : undefined;
  return (
    <label className="map-setting" title={props.title}>
      <span>{props.label}</span>
      <input
        type="number"
        data-testid={`map-param-${name}`}
        min={r.min}
        max={r.max}
        step={r.int ? 1 : 0.01}
        value={draft[name]}
        aria-invalid={error !== undefined}
        className={error ? 'invalid' : ''}
        onChange={(e) => props.setDraft({ ...draft, [name]: e.target.value })}
      />
      {error && <em className="map-setting-error">{error}</em>}
    </label>
  );
}

/**
 * The ⚙ next to the map buttons: UMAP's n_neighbors and min_dist (with presets) and t-SNE's perplexity.
 * Apply shows that method's map computed with the new values; out-of-range values cannot be applied.
 */
export function MapSettings() {
  const { session } = useAppContext();
  const hasDataset = useApp(selectHasDataset);
  const capabilities = useApp(selectCapabilities);
  const mapParams = useApp(selectMapParams);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => toDraft(mapParams));
  const anchor = useRef<HTMLSpanElement>(null);
  // A click elsewhere closes the panel, as menus do.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!anchor.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const values = (names: (keyof MapParams)[]): Partial<MapParams> | null => {
    const out: Partial<MapParams> = {};
    for (const n of names) {
      const p = parseMapParam(n, draft[n]);
      if ('error' in p) return null;
      out[n] = p.value;
    }
    return out;
  };
  const apply = (method: LayoutMethod, names: (keyof MapParams)[]) => {
    const v = values(names);
    if (!v) return;
    session.applyMapParams(v, method);
    setOpen(false);
  };
  const can = (m: LayoutMethod) => hasDataset && capabilities.includes(`layout:${m}`);
  const umapValid = values(['neighbors', 'minDist']) !== null;
  const tsneValid = values(['perplexity']) !== null;

  return (
    <span className="map-settings-anchor" ref={anchor}>
      <button
        data-testid="map-settings"
        title="map settings: UMAP n_neighbors and min_dist, t-SNE perplexity"
        className={open ? 'active' : ''}
        aria-expanded={open}
        onClick={() => {
          if (!open) setDraft(toDraft(mapParams));
          setOpen(!open);
        }}
      >
        ⚙
      </button>
      {open && (
        <div
          className="map-settings"
          data-testid="map-settings-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <fieldset>
            <legend>UMAP</legend>
            <Field
              name="neighbors"
              label="n_neighbors"
              title="neighbourhood size, the point included: smaller shows finer local structure"
              draft={draft}
              setDraft={setDraft}
            />
            <Field
              name="minDist"
              label="min_dist"
              title="how closely points may pack: 0 gives tight clusters"
              draft={draft}
              setDraft={setDraft}
            />
            <div className="map-setting-buttons">
              <button
                className="small"
                data-testid="map-preset-tight"
                title={`n_neighbors ${TIGHT_CLUSTERS.neighbors}, min_dist ${TIGHT_CLUSTERS.minDist}`}
                onClick={() =>
                  setDraft({
                    ...draft,
                    neighbors: String(TIGHT_CLUSTERS.neighbors),
                    minDist: String(TIGHT_CLUSTERS.minDist),
                  })
                }
              >
                tight clusters
              </button>
              <button
                className="small"
                data-testid="map-preset-defaults"
                title={`n_neighbors ${MAP_PARAM_DEFAULTS.neighbors}, min_dist ${MAP_PARAM_DEFAULTS.minDist}`}
                onClick={() =>
                  setDraft({
                    ...draft,
                    neighbors: String(MAP_PARAM_DEFAULTS.neighbors),
                    minDist: String(MAP_PARAM_DEFAULTS.minDist),
                  })
                }
              >
                defaults
              </button>
              <button
                data-testid="map-apply-umap"
                disabled={!umapValid || !can('umap')}
                onClick={() => apply('umap', ['neighbors', 'minDist'])}
              >
                Apply
              </button>
            </div>
          </fieldset>
          <fieldset>
            <legend>t-SNE</legend>
            <Field
              name="perplexity"
              label="perplexity"
              title="effective number of neighbours each point attends to"
              draft={draft}
              setDraft={setDraft}
            />
            <div className="map-setting-buttons">
              <button
                className="small"
                data-testid="map-preset-tsne-defaults"
                title={`perplexity ${MAP_PARAM_DEFAULTS.perplexity}`}
                onClick={() => setDraft({ ...draft, perplexity: String(MAP_PARAM_DEFAULTS.perplexity) })}
              >
                defaults
              </button>
              <button
                data-testid="map-apply-tsne"
                disabled={!tsneValid || !can('tsne')}
                onClick={() => apply('tsne', ['perplexity'])}
              >
                Apply
              </button>
            </div>
          </fieldset>
        </div>
      )}
    </span>
  );
}
