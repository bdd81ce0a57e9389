import type { Session } from '../engine/session.js';
import { categoryPredicate, selectionPredicate } from './filterPredicates.js';

/**
 * The explorer's filter: sends a predicate to the engine (`filterRows`, DuckDB over the metadata
 * columns) and puts the rows it allows, or its one-line error, in the store. No React here.
 */
export class FilterSession {
  constructor(private readonly session: Session) {}

  private get store() {
    return this.session.store;
  }

  /** Applies the predicate; an empty one turns the filter off. */
  async apply(predicate: string): Promise<void> {
    const ds = this.store.getState().dataset;
    if (!ds) return;
    const text = predicate.trim();
    if (text === '') {
      this.store.dispatch({ type: 'filterResult', datasetId: ds.id, predicate: '', rows: null, error: null });
      return;
    }
    try {
      const r = await this.session.rpc().call('filterRows', { dataset: ds.id, predicate: text }).result;
      this.store.dispatch({
        type: 'filterResult',
        datasetId: ds.id,
        predicate: text,
        rows: r.rows,
        error: null,
      });
    } catch (e) {
      this.store.dispatch({
        type: 'filterResult',
        datasetId: ds.id,
        predicate: text,
        rows: null,
        error: (e as Error).message,
      });
    }
  }

  /** Keeps one category of a column (the legend's shortcut). */
  category(column: string, category: string): Promise<void> {
    return this.apply(categoryPredicate(column, category));
  }

  /** Keeps the selected rows, as a `row_id` predicate. */
  async selection(): Promise<void> {
    const s = this.store.getState();
    if (!s.dataset || !s.selection || s.selection.length === 0) return;
    const predicate = selectionPredicate(s.selection);
    if (predicate === null) {
      this.store.dispatch({
        type: 'filterResult',
        datasetId: s.dataset.id,
        predicate: s.filter.text,
        rows: null,
        error: `the selection (${s.selection.length.toLocaleString('en')} scattered rows) is too long a predicate; select fewer or write one`,
      });
      return;
    }
    await this.apply(predicate);
  }
}

const sessions = new WeakMap<Session, FilterSession>();

/** The one FilterSession of a Session (the filter bar and the legend share it). */
export function filterSessionFor(session: Session): FilterSession {
  let f = sessions.get(session);
  if (!f) {
    f = new FilterSession(session);
    sessions.set(session, f);
  }
  return f;
}
