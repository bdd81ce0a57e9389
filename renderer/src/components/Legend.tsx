import type { Legend as LegendData } from '../scene/colors.js';

function fmt(v: number): string {
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(2) : v.toPrecision(3);
}

/** `onFilter`, where the legend's categories are a metadata column's: keep only one category (the
 * explorer's filter). */
export function Legend({
  legend,
  onFilter,
}: {
  legend: LegendData;
  onFilter?: ((label: string) => void) | undefined;
}) {
  if (legend.kind === 'none') return null;
  if (legend.kind === 'scale') {
    return (
      <div className="legend" data-testid="legend">
        <div className="legend-title">{legend.title}</div>
        <div className="scale-bar" data-stops={legend.stops.join(';')}>
          {legend.stops.map((c, i) => (
            <span key={i} className="scale-stop" ref={(el) => el?.style.setProperty('background', c)} />
          ))}
        </div>
        <div className="scale-ends">
          <span>{fmt(legend.min)}</span>
          <span>{fmt(legend.max)}</span>
        </div>
      </div>
    );
  }
  return (
    <div className="legend" data-testid="legend">
      <div className="legend-title">{legend.title}</div>
      <ul>
        {legend.items.map((it) => (
          <li key={it.label}>
            <span className="swatch" ref={(el) => el?.style.setProperty('background', it.color)} />
            <span className="legend-label">{it.label}</span>
            <span className="legend-count">{it.count.toLocaleString('en')}</span>
            {onFilter && (
              <button
                className="small legend-filter"
                data-testid="legend-filter"
                title={`show only ${it.label} (filter)`}
                onClick={() => onFilter(it.label)}
              >
                ⊂
              </button>
            )}
          </li>
        ))}
      </ul>
      {legend.more > 0 && <div className="note">+{legend.more} more</div>}
    </div>
  );
}
