/** Messages between a benchmark and its host process (Node IPC over `fork`). */

export type HostCommand =
  /** Any request of the app's contract, as a window would send it (no window attached). */
  | { readonly kind: 'dispatch'; readonly channel: string; readonly payload: unknown }
  /**
   * Types `input` into a thread and resolves once its output up to `marker` has been sent to the
   * browser and every character sent has been acknowledged as parsed by its xterm.
   */
  | { readonly kind: 'deliver'; readonly threadId: string; readonly input: string; readonly marker: string }
  /** A full garbage collection (the host runs with --expose-gc); answers process.memoryUsage() after it. */
  | { readonly kind: 'gc' }
  /** process.memoryUsage() as it is, without collecting first. */
  | { readonly kind: 'memory' }
  | { readonly kind: 'shutdown' };

export interface Delivery {
  /** Characters of live output sent to viewers (the browser) and acknowledged by them. */
  readonly chars: number;
  /** From typing the input to the last acknowledgement. */
  readonly ms: number;
  /** From typing the input to the marker being sent (the host's side of the work). */
  readonly sentMs: number;
  readonly dataMessages: number;
  readonly ackMessages: number;
}

export interface HostRequest {
  readonly id: number;
  readonly command: HostCommand;
}

export type HostReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

export interface HostReady {
  readonly ready: true;
  readonly url: string;
  readonly port: number;
  readonly token: string;
}
