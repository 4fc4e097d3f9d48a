import type { EventChannel, RequestChannel, Result } from '../../shared/contract';
import { isEventChannel } from '../../shared/channel-names';

/** Frames on the browser host's WebSocket (JSON text). */
export interface RequestFrame {
  type: 'request';
  id: number;
  channel: RequestChannel;
  payload: unknown;
}

export type IncomingFrame =
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventChannel; payload: unknown }
  /** The host could not read a frame we sent; `id` is the request's when it could tell. */
  | { type: 'error'; id: number | null; error: WireErrorLike };

interface WireErrorLike {
  kind: string;
  message: string;
}

/**
 * Mirrors electron/host/wire-protocol.ts: the host closed the socket because this page left too
 * much output unread (a frozen or backgrounded tab). Reconnecting fetches everything afresh.
 */
export const slowConsumerCloseCode = 4408;

/** What every caller gets when the socket drops with its request outstanding. */
export function connectionLostResult(): Result<never> {
  return { ok: false, error: { kind: 'internal', message: 'Connection to Switchyard lost' } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWireError(value: unknown): value is WireErrorLike {
  return isRecord(value) && typeof value.kind === 'string' && typeof value.message === 'string';
}

function isResult(value: unknown): value is Result<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok === false) return isWireError(value.error);
  return false;
}

/**
 * Parses one text frame from the host. Returns null for anything malformed, so a bad frame
 * is dropped rather than crashing the page. The host validates payloads against the contract;
 * here we only check the envelope.
 */
export function parseIncomingFrame(text: string): IncomingFrame | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  if (parsed.type === 'response') {
    if (typeof parsed.id !== 'number' || !isResult(parsed.result)) return null;
    return { type: 'response', id: parsed.id, result: parsed.result };
  }
  if (parsed.type === 'event') {
    if (!isEventChannel(parsed.event)) return null;
    return { type: 'event', event: parsed.event, payload: parsed.payload };
  }
  if (parsed.type === 'error') {
    if (!isWireError(parsed.error)) return null;
    const id = typeof parsed.id === 'number' ? parsed.id : null;
    return { type: 'error', id, error: { kind: parsed.error.kind, message: parsed.error.message } };
  }
  return null;
}
