import { setTimeout as sleep } from 'node:timers/promises';
import type { LineReader } from './line-reader';
import type { z } from 'zod';
import { defaultEchoUntil, type InboxStep } from './scenario';
import { appendWorkspaceFile } from './workspace-files';

const bracketedPasteOn = '\x1b[?2004h';
const bracketedPasteOff = '\x1b[?2004l';
const defaultWorkMs = 400;

export interface InboxIo {
  readonly cwd: string;
  readonly reader: LineReader;
  readonly write: (text: string) => Promise<void>;
  /** Whether the terminal echoes what is typed (a pty does; a pipe in tests does not). */
  readonly echoes: boolean;
}

/**
 * The demo agent's input box (the `inbox` step): one message per turn, recorded as it arrived.
 * The work after each message starts after a pause longer than the status tracker's echo window,
 * so it reads as the agent at work rather than the echo of what was typed.
 */
export async function runInbox(options: z.infer<typeof InboxStep>['inbox'], io: InboxIo): Promise<void> {
  const until = options.until ?? defaultEchoUntil;
  const bracketed = options.bracketedPaste ?? true;
  if (bracketed) await io.write(bracketedPasteOn);
  for (let count = 1; ; count++) {
    await io.write('> ');
    const message = await io.reader.readLine();
    if (!io.echoes) await io.write(`${message ?? ''}\n`);
    if (message === null || message.trim() === until) break;
    if (options.record) await appendWorkspaceFile(io.cwd, options.record, `${JSON.stringify({ message })}\n`);
    const lines = message.split('\n').length;
    await sleep(options.workMs ?? defaultWorkMs);
    await io.write(`Working on message ${count} (${lines} line${lines === 1 ? '' : 's'})…\n`);
    await sleep(200);
    await io.write(`Done with message ${count}.\n`);
  }
  if (bracketed) await io.write(bracketedPasteOff);
}
