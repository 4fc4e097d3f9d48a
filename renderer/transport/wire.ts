import type { Result } from '../../shared/contract';
import { isEventChannelName } from '../../shared/channel-names';
import type { WireError } from '../../shared/errors';
import type { ServerFrame } from '../../shared/wire';

/** What every caller gets when the socket drops with its request outstanding. */
export function connectionLostResult(): Result<never> {
  return { ok: false, error: { kind: 'internal', message: 'Connection to Switchyard lost' } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The envelope only: a kind the page does not know is still shown by its message. */
function isWireError(value: unknown): value is WireError {
  return isRecord(value) && typeof value.kind === 'string' && typeof value.message === 'string';
}

function isResult(value: unknown): value is Result<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok === false) return isWireError(value.error);
  return false;
}

/**
 * Parses one text frame from the host (shared/wire.ts). Returns null for anything malformed, so
 * a bad frame is dropped rather than crashing the page. The host validates payloads against the
 * contract; here we only check the envelope.
 */
export function parseServerFrame(text: string): ServerFrame | null {
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
    if (!isEventChannelName(parsed.event)) return null;
    return { type: 'event', event: parsed.event, payload: parsed.payload };
  }
  if (parsed.type === 'error') {
    if (!isWireError(parsed.error)) return null;
    const id = typeof parsed.id === 'number' ? parsed.id : null;
    return { type: 'error', id, error: { kind: parsed.error.kind, message: parsed.error.message } };
  }
  return null;
}
