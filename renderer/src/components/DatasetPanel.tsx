import { useApp } from './context.js';
import { MapFaithfulness } from './MapFaithfulness.js';
import { selectAnalysis, selectDataset } from '../store/selectors.js';

function SpectrumChart({ spectrum }: { spectrum: Float32Array }) {
  const shown = Array.from(spectrum.subarray(0, 32));
  const max = Math.max(...shown, 1e-9);
  const w = 240;
  const h = 70;
  const bw = w / Math.max(shown.length, 1);
  let cum = 0;
  const cumulative = shown.map((v) => (cum += v));
  return (
    <svg
      className="spectrum"
      width={w}
      height={h + 14}
      data-testid="spectrum"
      role="img"
      aria-label="PCA spectrum"
    >
      {shown.map((v, i) => (
        <rect key={i} x={i * bw + 1} y={h - (v / max) * h} width={Math.max(1, bw - 2)} height={(v / max) * h}>
          <title>{`PC${i + 1}: ${(v * 100).toFixed(2)}% of variance (cumulative ${(cumulative[i]! * 100).toFixed(1)}%)`}</title>
        </rect>
      ))}
      <polyline
        className="cumulative"
        fill="none"
        points={cumulative.map((c, i) => `${i * bw + bw / 2},${h - c * h}`).join(' ')}
      />
      <text x={0} y={h + 12}>
        PC1…PC{shown.length}: {(cum * 100).toFixed(1)}% of variance
      </text>
    </svg>
  );
}

export function DatasetPanel() {
  const ds = useApp(selectDataset);
  const analysis = useApp(selectAnalysis);
  if (!ds) return <section className="panel">No data set open.</section>;
  return (
    <section className="panel" data-testid="dataset-panel">
      <h2>{ds.file === 'sample' ? 'sample' : ds.file.split(/[\\/]/).pop()}</h2>
      <dl className="facts">
        <dt>points</dt>
        <dd data-testid="dataset-n">
          {ds.n.toLocaleString('en')}
          {ds.sampledFrom !== undefined && (
            <span
              className="muted"
              data-testid="dataset-sampled"
              title="a seeded sample of the file's rows (--max-rows)"
            >
              {' '}
              (a sample of {ds.sampledFrom.toLocaleString('en')})
            </span>
          )}
        </dd>
        <dt>dimensions</dt>
        <dd data-testid="dataset-dim">{ds.dim}</dd>
        <dt>metric</dt>
        <dd>{ds.metric}</dd>
        <dt>format</dt>
        <dd>
          {ds.format} ({ds.dtype})
        </dd>
        <dt>intrinsic dim.</dt>
        <dd data-testid="intrinsic-dim">
          {analysis
            ? analysis.intrinsic
              ? `TwoNN ${analysis.intrinsic.twoNN.toFixed(1)} · MLE ${analysis.intrinsic.mle.toFixed(1)}`
              : 'n/a (too few points)'
            : '…'}
        </dd>
        {analysis?.intrinsic && (
          <>
            <dt>PCA 90 / 95 %</dt>
            <dd>
              {analysis.intrinsic.pca90 ?? '—'} / {analysis.intrinsic.pca95 ?? '—'} axes
            </dd>
            <dt>participation</dt>
            <dd>{analysis.intrinsic.participationRatio.toFixed(1)}</dd>
          </>
        )}
      </dl>
      {analysis && <SpectrumChart spectrum={analysis.spectrum} />}
      <MapFaithfulness />
    </section>
  );
}
