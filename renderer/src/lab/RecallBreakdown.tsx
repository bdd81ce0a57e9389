import { useMemo } from 'react';
import { type WireStudyRow } from '../../../core/common/rpc/protocol.js';
import { useApp, useAppContext } from '../components/context.js';
import { integerCategoryCodes, numericCategories } from '../../../core/common/metadata/integerCategories.js';
import { quantileBins, recallByGroup } from './labMetrics.js';
import {
  selectClusters,
  selectColumns,
  selectLabBreakdownBy,
  selectNumericScale,
} from '../store/selectors.js';

export function RecallBreakdown({ row }: { row: WireStudyRow }) {
  const { store } = useAppContext();
  const columns = useApp(selectColumns);
  const clusters = useApp(selectClusters);
  const by = useApp(selectLabBreakdownBy);
  const numericScale = useApp(selectNumericScale);
  const options = [
    ...(clusters ? ['cluster'] : []),
    ...columns
      .filter((c) => (c.type === 'category' && c.categories.length <= 500) || c.type === 'number')
      .map((c) => c.name),
  ];
  const chosen = by && options.includes(by) ? by : (options[0] ?? null);
  const groups = useMemo(() => {
    if (!chosen) return [];
    if (chosen === 'cluster' && clusters)
      return recallByGroup(row.neighbourLoss, row.neighbourSeen, clusters.labels, clusters.names);
    const col = columns.find((c) => c.name === chosen);
    if (col?.type === 'category')
      return recallByGroup(row.neighbourLoss, row.neighbourSeen, col.codes, col.categories);
    if (col?.type === 'number') {
      const cats = numericCategories(col.values, numericScale[col.name]);
      const { codes, names } = cats ? integerCategoryCodes(col.values, cats) : quantileBins(col.values);
      return recallByGroup(row.neighbourLoss, row.neighbourSeen, codes, names);
    }
    return [];
  }, [chosen, clusters, columns, row, numericScale]);
  if (!chosen) return <div className="dim">no cluster or category column to break recall down by</div>;
  const W = 120;
  return (
    <div className="breakdown" data-testid="recall-breakdown">
      <label>
        recall by{' '}
        <select
          value={chosen}
          onChange={(e) => store.dispatch({ type: 'lab/setBreakdownBy', by: e.target.value })}
        >
          {options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
      <table>
        <tbody>
          {groups.slice(0, 40).map((g) => (
            <tr key={g.label} data-testid="breakdown-row">
              <td className="grp">{g.label}</td>
              <td>
                <svg width={W} height={10}>
                  <rect className="bar-bg" width={W} height={10} />
                  <rect className="bar" width={Math.max(0, g.recall) * W} height={10} />
                </svg>
              </td>
              <td>{g.recall.toFixed(3)}</td>
              <td className="dim" title={`${g.pairs} (query, true neighbour) pairs over ${g.points} points`}>
                {g.pairs}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
