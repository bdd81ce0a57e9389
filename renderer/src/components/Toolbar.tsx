import { useState } from 'react';
import { OpenFromDatabase } from './OpenFromDatabase.js';
import { LAYOUT_METHODS } from '../../../core/common/rpc/protocol.js';
import type { ColorBy, Tool } from '../store/state.js';
import { useApp, useAppContext } from './context.js';
import { WorkspaceButtons } from './WorkspaceButtons.js';
import { ClusterSettings } from './ClusterSettings.js';
import { MapSettings } from './MapSettings.js';
import {
  selectCapabilities,
  selectClusters,
  selectColorBy,
  selectColumns,
  selectEngineCwd,
  selectHasDataset,
  selectLayoutDim,
  selectLayoutMethod,
  selectNumericScale,
  selectOpacity,
  selectOpenMaxRows,
  selectPointSize,
  selectSearchMatches,
  selectSearchText,
  selectTool,
} from '../store/selectors.js';

const TOOLS: { tool: Tool; label: string; title: string }[] = [
  {
    tool: 'pan',
    label: 'Pan',
    title:
      'drag to pan (2-D) or orbit (3-D; shift-drag pans), wheel to zoom, click a point for its neighbours',
  },
  { tool: 'box', label: 'Box', title: 'drag a rectangle to select points' },
  { tool: 'lasso', label: 'Lasso', title: 'draw around points to select them' },
];

function colorKey(c: ColorBy): string {
  return c.kind === 'column' ? `column:${c.name}` : c.kind;
}

export function Toolbar() {
  const { store, session, chooseFile } = useAppContext();
  const hasDataset = useApp(selectHasDataset);
  const columns = useApp(selectColumns);
  const clusters = useApp(selectClusters);
  const capabilities = useApp(selectCapabilities);
  const method = useApp(selectLayoutMethod);
  const dim = useApp(selectLayoutDim);
  const colorBy = useApp(selectColorBy);
  const pointSize = useApp(selectPointSize);
  const opacity = useApp(selectOpacity);
  const tool = useApp(selectTool);
  const searchText = useApp(selectSearchText);
  const matches = useApp(selectSearchMatches);
  const openMaxRows = useApp(selectOpenMaxRows);
  const [path, setPath] = useState('');
  const cwd = useApp(selectEngineCwd);
  const pathHelp = `a path on the engine's machine: ~ is the home directory, a relative path starts in ${cwd || "the engine's working directory"}`;
  const attachMetadata = () => {
    // A path in the box is attached as it is; otherwise pick one (desktop dialog or the file browser).
    if (path.trim() !== '') void session.attachMetadata(path.trim());
    else if (chooseFile)
      void chooseFile().then((p) => {
        if (p) void session.attachMetadata(p);
      });
    else session.openBrowser('metadata');
  };

  const openPath = (p: string) => {
    if (p.trim() !== '') void session.openChosen(p.trim());
  };
  const colorable = columns.filter((c) => c.type !== 'text');
  const numericScale = useApp(selectNumericScale);
  const numericColumn =
    colorBy.kind === 'column'
      ? columns.find((c) => c.name === colorBy.name && c.type === 'number')
      : undefined;

  return (
    <header className="toolbar">
      <span className="brand">vecscope</span>
      <form
        className="group"
        onSubmit={(e) => {
          e.preventDefault();
          openPath(path);
        }}
      >
        {chooseFile && (
          <button type="button" onClick={() => void chooseFile().then((p) => p && openPath(p))}>
            Open…
          </button>
        )}
        {!chooseFile && (
          <button
            type="button"
            data-testid="browse-button"
            title="pick a file among those this web session may open"
            onClick={() => session.openBrowser('open')}
          >
            Browse…
          </button>
        )}
        <input
          data-testid="open-path"
          placeholder={cwd ? `path (~ = home, relative to ${cwd})` : "path on the engine's machine"}
          title={pathHelp}
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <input
          className="max-rows"
          data-testid="open-max-rows"
          type="number"
          min={1}
          step={1}
          placeholder="all rows"
          title="open at most this many rows: a larger file (or database table) opens as a seeded uniform sample of them, in file order (the app's --max-rows); empty: every row"
          value={openMaxRows ?? ''}
          onChange={(e) => {
            const v = Number(e.target.value);
            store.dispatch({
              type: 'setOpenMaxRows',
              maxRows: e.target.value.trim() !== '' && Number.isInteger(v) && v >= 1 ? v : null,
            });
          }}
        />
        <button type="submit" data-testid="open-button">
          Open
        </button>
        <button type="button" onClick={() => void session.open('sample')}>
          Sample
        </button>
        <OpenFromDatabase />
        <button
          type="button"
          data-testid="attach-metadata"
          disabled={!hasDataset}
          title="attach a metadata file to this data set (one row per vector: .tsv/.csv/.parquet/.jsonl, or one label per row: .u8, .i32, .npy, .txt): the path in the box, or pick one"
          onClick={attachMetadata}
        >
          Metadata…
        </button>
      </form>
      <WorkspaceButtons />
      <div className="group" role="group" aria-label="layout">
        {LAYOUT_METHODS.map((m) => (
          <button
            key={m}
            data-testid={`layout-${m}`}
            className={m === method ? 'active' : ''}
            disabled={!hasDataset || (m !== 'pca' && !capabilities.includes(`layout:${m}`))}
            onClick={() => session.setLayout(m)}
          >
            {m === 'tsne' ? 't-SNE' : m.toUpperCase()}
          </button>
        ))}
        <button
          data-testid="dim-toggle"
          disabled={!hasDataset}
          onClick={() => session.setLayout(undefined, dim === 2 ? 3 : 2)}
        >
          {dim === 2 ? '2-D' : '3-D'}
        </button>
        <MapSettings />
      </div>
      <label className="group">
        colour
        <select
          data-testid="color-by"
          value={colorKey(colorBy)}
          onChange={(e) => {
            const v = e.target.value;
            const next: ColorBy =
              v === 'none'
                ? { kind: 'none' }
                : v === 'cluster'
                  ? { kind: 'cluster' }
                  : { kind: 'column', name: v.slice(7) };
            store.dispatch({ type: 'setColorBy', colorBy: next });
          }}
        >
          <option value="none">none</option>
          {colorable.map((c) => (
            <option key={c.name} value={`column:${c.name}`}>
              {c.name}
            </option>
          ))}
          {clusters && <option value="cluster">{`cluster (${clusters.method}, ${clusters.space})`}</option>}
        </select>
        {numericColumn && (
          <select
            data-testid="numeric-scale"
            title="read this numeric column as categories or as a continuous scale"
            value={numericScale[numericColumn.name] ?? 'auto'}
            onChange={(e) =>
              store.dispatch({
                type: 'setNumericScale',
                column: numericColumn.name,
                scale: e.target.value === 'categorical' ? 'categorical' : 'continuous',
              })
            }
          >
            {numericScale[numericColumn.name] === undefined && <option value="auto">auto</option>}
            <option value="categorical">categorical</option>
            <option value="continuous">continuous</option>
          </select>
        )}
      </label>
      <div className="group">
        <button
          data-testid="cluster-kmeans"
          disabled={!hasDataset || !capabilities.includes('cluster')}
          onClick={() => void session.cluster('kmeans')}
        >
          k-means
        </button>
        <button
          data-testid="cluster-hdbscan"
          disabled={!hasDataset || !capabilities.includes('cluster')}
          onClick={() => void session.cluster('hdbscan')}
        >
          HDBSCAN
        </button>
        <ClusterSettings />
      </div>
      <label className="group">
        size
        <input
          type="range"
          min={1}
          max={16}
          step={0.5}
          value={pointSize}
          onChange={(e) => store.dispatch({ type: 'setPointStyle', pointSize: Number(e.target.value) })}
        />
      </label>
      <label className="group">
        opacity
        <input
          type="range"
          min={0.05}
          max={1}
          step={0.05}
          value={opacity}
          onChange={(e) => store.dispatch({ type: 'setPointStyle', opacity: Number(e.target.value) })}
        />
      </label>
      <div className="group" role="group" aria-label="tool">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            data-testid={`tool-${t.tool}`}
            title={t.title}
            className={t.tool === tool ? 'active' : ''}
            onClick={() => store.dispatch({ type: 'setTool', tool: t.tool })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <label className="group search">
        <input
          data-testid="search"
          type="search"
          placeholder="search metadata"
          value={searchText}
          disabled={!hasDataset}
          onChange={(e) => session.search(e.target.value)}
        />
        {matches && <span data-testid="search-count">{matches.length.toLocaleString('en')} matches</span>}
        {matches && matches.length > 0 && (
          <button
            type="button"
            className="small"
            data-testid="select-matches"
            title="make the matching rows the selection (to export them, or to look at them in the table)"
            onClick={() => void session.select(matches.slice())}
          >
            select
          </button>
        )}
      </label>
    </header>
  );
}
