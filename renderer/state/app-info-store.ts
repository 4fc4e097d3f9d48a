import { create } from 'zustand';
import type { ResponseOf } from '../../shared/contract';
import type { WireError } from '../../shared/errors';

export type AppInfo = ResponseOf<'app.info'>;

export interface AppInfoState {
  info: AppInfo | null;
  /** True once the first full load has finished (successfully or not). */
  loaded: boolean;
  /** Why the initial load failed, if it did; shown instead of the app. */
  loadError: WireError | null;
  setInfo(info: AppInfo): void;
  setLoaded(loadError: WireError | null): void;
}

export const useAppInfoStore = create<AppInfoState>()((set) => ({
  info: null,
  loaded: false,
  loadError: null,
  setInfo: (info) => set({ info }),
  setLoaded: (loadError) => set({ loaded: true, loadError }),
}));
