import { useApp, useAppContext } from './context.js';
import { selectConnection, selectConnectionMessage, selectErrors } from '../store/selectors.js';

export function Banners() {
  const { store } = useAppContext();
  const errors = useApp(selectErrors);
  const connection = useApp(selectConnection);
  const message = useApp(selectConnectionMessage);
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
