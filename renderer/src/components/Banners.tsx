import { useApp, useAppContext } from './context.js';

export function Banners() {
  const { store } = useAppContext();
  const errors = useApp((s) => s.errors);
  const connection = useApp((s) => s.connection);
  const message = useApp((s) => s.connectionMessage);
  return (
    <div className="banners">
      {connection !== 'ready' && (
        <div className={`banner banner-${connection}`} role="status" data-testid="connection-banner">
          {message}
        </div>
      )}
      {errors.map((e, i) => (
        <div key={i} className="banner banner-error" role="alert" data-testid="error-banner">
          <span>{e}</span>
          <button aria-label="dismiss" onClick={() => store.dispatch({ type: 'dismissError', index: i })}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
