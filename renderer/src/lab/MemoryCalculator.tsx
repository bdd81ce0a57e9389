import { type WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { useApp, useAppContext } from '../components/context.js';
import { formatBytes, memoryAtScale } from './labMetrics.js';
import { selectLabMemoryCount } from '../store/selectors.js';

export function MemoryCalculator({ row }: { row: WireStudyRow }) {
  const { store } = useAppContext();
  const count = useApp(selectLabMemoryCount);
  const m = memoryAtScale(row, count);
  return (
    <div className="memory" data-testid="memory">
      <label>
        vectors in production{' '}
        <input
          data-testid="memory-count"
          type="number"
          min={0}
          value={count}
          onChange={(e) => store.dispatch({ type: 'lab/setMemoryCount', count: Number(e.target.value) })}
        />
      </label>
      <dl className="facts">
        <dt>searched codes</dt>
        <dd>
          {formatBytes(m.vectors)} <span className="dim">({row.primaryBytes} B/vec)</span>
        </dd>
        <dt>re-rank / 2nd level</dt>
        <dd>
          {formatBytes(m.secondary)} <span className="dim">({row.secondaryBytes} B/vec)</span>
        </dd>
        <dt>graph</dt>
        <dd>
          {formatBytes(m.graph)} <span className="dim">({row.graphBytes} B/vec)</span>
        </dd>
        <dt>total RAM</dt>
        <dd data-testid="memory-total" data-bytes={m.total}>
          {formatBytes(m.total)}
        </dd>
      </dl>
    </div>
  );
}
