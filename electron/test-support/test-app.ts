import path from 'node:path';
import type { EventChannel, EventOf } from '../../shared/contract';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';

export interface RecordedEvent {
  readonly event: EventChannel;
  readonly payload: EventOf<EventChannel>;
}

/** A real app over a temp data dir, with every event it emits recorded. */
export async function makeTestApp(dataDir: string): Promise<{ app: SwitchyardApp; events: RecordedEvent[] }> {
  const app = await createSwitchyardApp({
    dataDir,
    distDir: path.resolve(__dirname, '..', '..', 'dist'),
    host: { kind: 'browser' },
    version: '0.0.0-test',
    log: () => undefined,
  });
  const events: RecordedEvent[] = [];
  app.events.subscribe((event, payload) => events.push({ event, payload }));
  return { app, events };
}
