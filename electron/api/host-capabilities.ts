/** What differs between the Electron window and the browser host. */
export interface HostCapabilities {
  readonly kind: 'electron' | 'browser';
  /** A native folder picker (Electron only). */
  readonly pickFolder?: () => Promise<string | null>;
}
