import { ScreenMirror } from '../terminals/screen-mirror';
import { MirrorScreen } from './mirror-screen';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import type { StatusClock } from './status-clock';
import { type StatusChange, StatusTracker } from './status-tracker';

/** A recorded CLI session: what scripts/record-cli-screens.mjs wrote. */
export interface RecordedScreen {
  readonly name: string;
  readonly tool: string;
  readonly version: string;
  readonly cols: number;
  readonly rows: number;
  readonly recordedForSeconds: number;
  readonly exitCode: number | null;
  readonly signal: number | null;
  readonly chunks: ReadonlyArray<{ readonly atMs: number; readonly data: string }>;
}

interface Sidecar {
  tool: string;
  version: string;
  cols: number;
  rows: number;
  recordedForSeconds: number;
  exitCode: number | null;
  signal: number | null;
  chunks: Array<[number, number]>;
}

export const fixturesDir = path.join(__dirname, 'fixtures');

export function loadRecordedScreen(name: string): RecordedScreen {
  const raw = readFileSync(path.join(fixturesDir, `${name}.txt`));
  const sidecar = JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')) as Sidecar;
  let offset = 0;
  const chunks = sidecar.chunks.map(([atMs, bytes]) => {
    const data = raw.subarray(offset, offset + bytes).toString('utf8');
    offset += bytes;
    return { atMs, data };
  });
  if (offset !== raw.length) throw new Error(`${name}: the sidecar's chunks cover ${offset} of ${raw.length} bytes`);
  return { name, ...sidecar, chunks };
}

export interface Replay {
  readonly changes: StatusChange[];
  readonly tracker: StatusTracker;
  /** The screen mirror the tracker read, when replayed through one (dispose it when done). */
  readonly mirror: ScreenMirror | null;
}

/**
 * Feeds a recording into a StatusTracker with its real timing, under fake timers. Output the
 * recorder's own kill caused is left out; a recorded exit is reported like the runtime would.
 */
export function replay(
  screen: RecordedScreen,
  profileId: string,
  options: { untilMs?: number; throughMirror?: boolean; clock?: StatusClock; extraMs?: number } = {},
): Replay {
  vi.useFakeTimers();
  // A fixed local noon: a limit's "resets 3pm" reads the same whenever the tests run.
  vi.setSystemTime(new Date(2026, 10, 25, 12, 0));
  const changes: StatusChange[] = [];
  // As the agent host runs it: the tracker reads the thread's screen mirror, fed with the output first.
  const mirror = options.throughMirror ? new ScreenMirror(screen.cols, screen.rows) : null;
  const tracker = new StatusTracker({
    ...(mirror ? { screen: new MirrorScreen(mirror) } : {}),
    profileId,
    ...(options.clock ? { clock: options.clock } : {}),
    cols: screen.cols,
    rows: screen.rows,
    onChange: (change) => changes.push(change),
  });
  const endMs = options.untilMs ?? screen.recordedForSeconds * 1000;
  let now = 0;
  for (const chunk of screen.chunks) {
    if (chunk.atMs >= endMs) break;
    vi.advanceTimersByTime(chunk.atMs - now);
    now = chunk.atMs;
    mirror?.write(chunk.data);
    tracker.output(chunk.data);
  }
  if (screen.exitCode !== null && options.untilMs === undefined) {
    tracker.exit(screen.exitCode, screen.signal, false);
  } else vi.advanceTimersByTime(Math.max(0, endMs - now) + (options.extraMs ?? 0));
  return { changes, tracker, mirror };
}
