import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { exitCodes, StepFailure } from './exit-codes';
import { commitAll } from './git-commit';
import { LineReader } from './line-reader';
import { defaultEchoUntil, type Scenario, type Step } from './scenario';
import { runInbox } from './inbox';
import { findingsForDiff, reviewDiff } from './review-diff';

/** The line the demo reviewer prints that is not a finding: the app must keep it as a note. */
export const demoMalformedFinding = 'Overall: looks reasonable (this line is not a finding).';
import { appendWorkspaceFile, editWorkspaceFile, replaceWorkspaceLine, writeWorkspaceFile } from './workspace-files';

export interface RunOptions {
  /** The working folder (a git worktree) every path and git command is relative to. */
  readonly cwd: string;
  readonly prompt: string;
  /**
   * The branch the agent works on ($SWITCHYARD_BRANCH, set for threads and plan tasks): {task}
   * is made from it, so parallel tasks with the same prompt write different files.
   */
  readonly branch?: string | null;
  /** Streams are passed in so the executor runs in-process in tests, and on the pty in the app. */
  readonly input: Readable;
  readonly output: Writable;
}

const promptWhenNone = 'make a small change';
const slugWhenNone = 'change';

/** A file-name-safe form of the prompt: lower-case ASCII words joined by dashes. */
export function slugify(prompt: string): string {
  const slug = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? slugWhenNone : slug;
}

/** The task's name from its branch (`switchyard/api/attempt-2` → `api-attempt-2`); the prompt's slug without one. */
export function taskSlug(branch: string | null | undefined, prompt: string): string {
  const name = branch?.trim().replace(/^switchyard\//, '') ?? '';
  return name === '' ? slugify(prompt) : slugify(name);
}

/** Fills {prompt}, {slug} and {task} in one pass, so a prompt that contains "{slug}" stays literal. */
function placeholderFiller(prompt: string, branch: string | null | undefined): (text: string) => string {
  const values = {
    prompt: prompt.trim() === '' ? promptWhenNone : prompt.trim(),
    slug: slugify(prompt),
    task: taskSlug(branch, prompt),
  };
  return (text) => text.replace(/\{(prompt|slug|task)\}/g, (_match, key: keyof typeof values) => values[key]);
}

/** Writes and resolves once the stream has room again, so a fast producer cannot pile up memory. */
async function writeRespectingBackpressure(output: Writable, text: string): Promise<void> {
  if (output.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      output.off('drain', onDrain);
      output.off('error', onError);
      output.off('close', onDrain);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    output.on('drain', onDrain);
    output.on('error', onError);
    output.on('close', onDrain);
  });
}

const floodLineLength = 80;
const floodAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Line `index` of the flood: fixed width, printable, and different per line so a dropped chunk shows. */
function floodLine(index: number): string {
  const head = `flood ${String(index).padStart(8, '0')} `;
  let body = '';
  for (let i = 0; body.length < floodLineLength - head.length - 1; i++)
    body += floodAlphabet[(index + i) % floodAlphabet.length];
  return `${head}${body}\n`;
}

/** Exactly `bytes` bytes of flood lines, ending in a newline, written in chunks as the stream allows. */
async function flood(output: Writable, bytes: number): Promise<void> {
  const linesPerChunk = 800;
  let written = 0;
  let index = 0;
  while (written < bytes) {
    let chunk = '';
    for (let i = 0; i < linesPerChunk && written + chunk.length < bytes; i++) chunk += floodLine(index++);
    const remaining = bytes - written;
    if (chunk.length >= remaining) chunk = chunk.slice(0, remaining - 1) + '\n';
    written += chunk.length;
    await writeRespectingBackpressure(output, chunk);
  }
}

/** Runs a scenario's steps in order and resolves with the exit code the program should end with. */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<number> {
  const { cwd, output } = options;
  const fill = placeholderFiller(options.prompt, options.branch);
  const reader = new LineReader(options.input);
  // Without a terminal nobody echoes the typed answer; echo it so the transcript reads right.
  const inputEchoes = (options.input as { isTTY?: boolean }).isTTY === true;
  const say = (text: string): Promise<void> => writeRespectingBackpressure(output, `${text}\n`);

  async function ask(question: string): Promise<boolean | null> {
    for (;;) {
      await writeRespectingBackpressure(output, `? ${question} (y/n) `);
      const answer = await reader.readLine();
      if (answer === null) {
        if (!inputEchoes) await say('');
        return null;
      }
      if (!inputEchoes) await say(answer);
      const normalized = answer.trim().toLowerCase();
      if (normalized === 'y' || normalized === 'yes') return true;
      if (normalized === 'n' || normalized === 'no') return false;
      await say('Please answer y or n.');
    }
  }

  /** Runs one step; a number means "stop now with this exit code". */
  async function runStep(step: Step): Promise<number | undefined> {
    if ('print' in step) {
      if (step.delayMs) await sleep(step.delayMs);
      await say(fill(step.print));
    } else if ('write' in step) {
      await writeWorkspaceFile(cwd, fill(step.write.path), fill(step.write.content));
    } else if ('append' in step) {
      await appendWorkspaceFile(cwd, fill(step.append.path), fill(step.append.content));
    } else if ('edit' in step) {
      await editWorkspaceFile(cwd, fill(step.edit.path), fill(step.edit.find), fill(step.edit.replace));
    } else if ('replaceLine' in step) {
      await replaceWorkspaceLine(cwd, fill(step.replaceLine.path), step.replaceLine.line, fill(step.replaceLine.text));
    } else if ('ask' in step) {
      const yes = await ask(fill(step.ask));
      if (yes === null) {
        await say('Stopped: input closed before an answer.');
        return exitCodes.declined;
      }
      if (!yes && (step.onNo ?? 'exit') === 'exit') {
        await say('Stopped: the dispatcher declined.');
        return exitCodes.declined;
      }
    } else if ('commit' in step) {
      const message = fill(step.commit);
      const outcome = await commitAll(cwd, message);
      await say(
        outcome.committed ? `Committed ${outcome.shortSha}: ${message}` : 'Nothing to commit; skipped the commit.',
      );
    } else if ('sleep' in step) {
      await sleep(step.sleep);
    } else if ('exit' in step) {
      return step.exit;
    } else if ('echo' in step) {
      const until = step.echo.until ?? defaultEchoUntil;
      // On a terminal, bracketed paste is on as in the agent TUIs: a pasted multi-line message is
      // one message, printed back line by line.
      if (inputEchoes) await writeRespectingBackpressure(output, '\x1b[?2004h');
      for (;;) {
        const message = await reader.readLine();
        if (message === null || message.trim() === until) break;
        for (const line of message.split('\n')) await say(`received: ${line}`);
      }
      if (inputEchoes) await writeRespectingBackpressure(output, '\x1b[?2004l');
    } else if ('inbox' in step) {
      await runInbox(step.inbox, {
        cwd,
        reader,
        write: (text) => writeRespectingBackpressure(output, text),
        echoes: inputEchoes,
      });
    } else if ('flood' in step) {
      await flood(output, step.flood.bytes);
    } else if ('review' in step) {
      const findings = findingsForDiff(await reviewDiff(cwd, step.review.base));
      for (const finding of findings) await say(JSON.stringify(finding));
      await say(demoMalformedFinding);
    } else {
      const unknown: never = step;
      throw new StepFailure(`Unknown step: ${JSON.stringify(unknown)}`, exitCodes.badScenario);
    }
    return undefined;
  }

  try {
    for (const step of scenario.steps) {
      const stopWith = await runStep(step);
      if (stopWith !== undefined) return stopWith;
    }
    return exitCodes.ok;
  } catch (error) {
    const failure = error instanceof StepFailure ? error : new StepFailure((error as Error).message);
    try {
      await say(`Error: ${failure.message}`);
    } catch {
      // The terminal is gone; the exit code still tells the story.
    }
    return failure.exitCode;
  } finally {
    reader.close();
  }
}
