import type { WireStudyRow } from '../../../core/common/rpc/protocol.js';

const W = 340;
/** Three decimals, without a minus sign on values that round to zero. */
const fmt = (v: number) => (Math.abs(v) < 5e-4 ? 0 : v).toFixed(3);
const H = 22;

/**
 * The recall-loss decomposition as one bar from 0 to 1: recall kept, then the loss of each stage
 * (reduction, quantization, traversal). Re-ranking's recovery is drawn as a hatched span inside the
 * kept part (it is recall won back from the stages before it).
 */
export function Decomposition({ row, k }: { row: WireStudyRow; k: number }) {
  const d = row.decomposition;
  const parts = [
    { key: 'recall', label: `recall@${k}`, value: row.recall },
    { key: 'reduction', label: 'reduction', value: Math.max(0, d.reduction) },
    { key: 'quantization', label: 'quantization', value: Math.max(0, d.quantization) },
    { key: 'traversal', label: 'traversal', value: Math.max(0, d.traversal) },
  ];
  const total = parts.reduce((a, p) => a + p.value, 0) || 1;
  let x = 0;
  return (
    <div className="decomposition" data-testid="decomposition" data-pipeline={row.pipeline}>
      <svg width={W} height={H} role="img" aria-label="recall-loss decomposition">
        {parts.map((p) => {
          const w = (p.value / total) * W;
          const el = <rect key={p.key} className={`seg seg-${p.key}`} x={x} y={0} width={w} height={H} />;
          x += w;
          return el;
        })}
        {d.rerankRecovered > 0 && (
          <rect
            className="seg seg-rerank"
            x={((row.recall - d.rerankRecovered) / total) * W}
            y={H / 2}
            width={(d.rerankRecovered / total) * W}
            height={H / 2}
          />
        )}
      </svg>
      <table className="decomp-table">
        <tbody>
          <tr>
            <td className="key seg-recall">recall@{k}</td>
            <td data-testid="decomp-recall">{fmt(row.recall)}</td>
          </tr>
          <tr>
            <td className="key seg-reduction">lost to reduction</td>
            <td data-testid="decomp-reduction">{fmt(d.reduction)}</td>
          </tr>
          <tr>
            <td className="key seg-quantization">lost to quantization</td>
            <td data-testid="decomp-quantization">{fmt(d.quantization)}</td>
          </tr>
          <tr>
            <td className="key seg-traversal">lost to graph traversal</td>
            <td data-testid="decomp-traversal">{fmt(d.traversal)}</td>
          </tr>
          <tr>
            <td className="key seg-rerank">recovered by re-ranking</td>
            <td data-testid="decomp-rerank">{fmt(d.rerankRecovered)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
