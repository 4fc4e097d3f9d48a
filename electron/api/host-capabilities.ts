/** What differs between the Electron window and the browser host. */
export interface HostCapabilities {
  readonly kind: 'electron' | 'browser';
  /** A native folder picker (Electron only). */
  readonly pickFolder?: () => Promise<string | null>;
  /** Shows a folder in the system's file manager (Electron's shell.openPath); by default xdg-open/open/explorer. */
  readonly openFolder?: (folder: string) => Promise<void>;
}
