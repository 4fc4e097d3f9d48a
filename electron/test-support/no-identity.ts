import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from '../git/core';

/**
 * Makes `repo` one git has no author identity for: its own user.name/user.email gone, HOME (so
 * ~/.gitconfig) an empty folder, and git told not to guess one from the host. Returns the undo.
 */
export async function withoutIdentity(repo: string, emptyHome: string): Promise<() => void> {
  await mkdir(emptyHome, { recursive: true });
  await runGit(repo, ['config', '--unset', 'user.name']);
  await runGit(repo, ['config', '--unset', 'user.email']);
  await runGit(repo, ['config', 'user.useConfigOnly', 'true']);
  const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
  process.env.HOME = emptyHome;
  process.env.XDG_CONFIG_HOME = path.join(emptyHome, '.config');
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
