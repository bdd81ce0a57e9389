import { createStore, type StoreApi } from 'zustand/vanilla';
import { reduce, type Action } from './reducer.js';
import { initialState, type AppState } from './state.js';

export interface AppStore extends StoreApi<AppState> {
  dispatch(action: Action): void;
}

/** The app's store, a plain module (no React): every change goes through `reduce`. */
export function createAppStore(state: AppState = initialState()): AppStore {
  const store = createStore<AppState>(() => state);
  return Object.assign(store, {
    dispatch(action: Action) {
      store.setState(reduce(store.getState(), action), true);
    },
  });
}
