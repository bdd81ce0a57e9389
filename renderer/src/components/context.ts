import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Session } from '../engine/session.js';
import type { AppStore } from '../store/appStore.js';
import type { AppState } from '../store/state.js';

export interface AppContextValue {
  store: AppStore;
  session: Session;
  /** Opens a file chooser where there is one (desktop), else null. */
  chooseFile: (() => Promise<string | null>) | null;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useAppContext(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('AppContext missing');
  return ctx;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}
