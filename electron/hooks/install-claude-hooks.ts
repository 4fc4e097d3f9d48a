import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ignoreInEveryWorktree } from '../git/exclude';
import { runGit } from '../git/core';
import { hookEventKinds } from './hook-protocol';

/** Project-local settings Claude Code reads in the folder it runs in (never the user's ~/.claude). */
export const claudeLocalSettings = path.join('.claude', 'settings.local.json');
/** Marks the hook commands Switchyard wrote, so a reinstall replaces them and leaves others alone. */
const relayMarker = '--switchyard-relay';

export interface ClaudeHooksOptions {
  /** The thread's worktree, where its Claude Code runs. */
  readonly worktreePath: string;
  /** Runs the relay: e.g. [process.execPath, '<dist>/hook-relay.cjs']. */
  readonly relayCommand: readonly string[];
  /** Environment the relay command itself needs, e.g. { ELECTRON_RUN_AS_NODE: '1' } under Electron. */
  readonly relayEnv?: Readonly<Record<string, string>>;
}

export type ClaudeHooksOutcome =
  { readonly installed: true; readonly settingsFile: string } | { readonly installed: false; readonly reason: string };

type Json = Record<string, unknown>;

/**
 * Adds Notification, Stop and UserPromptSubmit hooks that run the relay to the worktree's
 * `.claude/settings.local.json`, keeping everything else in that file, and makes git ignore the
 * file in every worktree through the repository's shared info/exclude. A tracked settings file,
 * one that is not valid JSON, or a worktree that is the home folder is left alone.
 */
export async function installClaudeHooks(options: ClaudeHooksOptions): Promise<ClaudeHooksOutcome> {
  const worktree = path.resolve(options.worktreePath);
  if (worktree === path.resolve(os.homedir())) {
    return { installed: false, reason: 'the worktree is the home folder, whose .claude holds the user’s own settings' };
  }
  const tracked = await runGit(worktree, ['ls-files', '--error-unmatch', '--', claudeLocalSettings], {
    okExitCodes: [0, 1],
  });
  if (tracked.exitCode === 0) {
    return { installed: false, reason: `${claudeLocalSettings} is tracked by git; Switchyard does not edit it` };
  }
  const settingsFile = path.join(worktree, claudeLocalSettings);
  const existing = await readSettings(settingsFile);
  if (typeof existing === 'string') return { installed: false, reason: existing };
  const merged = withRelayHooks(existing, relayShellCommand(options.relayCommand, options.relayEnv ?? {}));
  if (typeof merged === 'string') return { installed: false, reason: merged };
  await ignoreInEveryWorktree(worktree, `/${claudeLocalSettings.split(path.sep).join('/')}`);
  await writeAtomically(settingsFile, `${JSON.stringify(merged, null, 2)}\n`);
  return { installed: true, settingsFile };
}

/** The settings with Switchyard's hooks replaced (or added); a string says why it cannot be done. */
export function withRelayHooks(settings: Json, command: string): Json | string {
  const hooks = settings.hooks ?? {};
  if (!isObject(hooks)) return `"hooks" in ${claudeLocalSettings} is not an object; left alone`;
  const nextHooks: Json = { ...hooks };
  for (const event of hookEventKinds) {
    const groups = hooks[event] ?? [];
    if (!Array.isArray(groups)) return `"hooks.${event}" in ${claudeLocalSettings} is not a list; left alone`;
    const others = groups.flatMap((group: unknown) => withoutRelay(group));
    nextHooks[event] = [...others, { hooks: [{ type: 'command', command, timeout: 10 }] }];
  }
  return { ...settings, hooks: nextHooks };
}

/** A matcher group minus Switchyard's relay hooks; dropped when nothing else was in it. */
function withoutRelay(group: unknown): unknown[] {
  if (!isObject(group) || !Array.isArray(group.hooks)) return [group];
  const kept = group.hooks.filter(
    (hook: unknown) => !(isObject(hook) && typeof hook.command === 'string' && hook.command.includes(relayMarker)),
  );
  if (kept.length === group.hooks.length) return [group];
  return kept.length === 0 ? [] : [{ ...group, hooks: kept }];
}

/** Claude Code runs hook commands through the shell: every word single-quoted. */
function relayShellCommand(argv: readonly string[], env: Readonly<Record<string, string>>): string {
  const assignments = Object.entries(env).map(([key, value]) => `${key}=${shellQuote(value)}`);
  return [...assignments, ...argv.map(shellQuote), relayMarker].join(' ');
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The file's settings, {} when there is none, or why it cannot be merged with. */
async function readSettings(file: string): Promise<Json | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : `${claudeLocalSettings} does not hold a JSON object; left alone`;
  } catch {
    return `${claudeLocalSettings} is not valid JSON; left alone`;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
