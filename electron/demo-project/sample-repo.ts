import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from '../git/core';

const files: Record<string, string> = {
  'README.md': '# Sample shop\n\nA tiny project for trying Switchyard with its scripted demo agent.\n',
  'src/greeting.js': 'export function greeting(name) {\n  return `Hello, ${name}!`;\n}\n',
  'src/cart.js': 'export function total(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n',
  '.gitignore': 'node_modules/\n',
};

/** A small real repository with one commit on main, for the first-run demo. */
export async function createSampleRepo(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), content);
  }
  await runGit(folder, ['init', '--quiet', '--initial-branch=main']);
  // A local identity so the demo commits and merges work on a machine with no git config.
  await runGit(folder, ['config', 'user.name', 'Switchyard Demo']);
  await runGit(folder, ['config', 'user.email', 'demo@switchyard.invalid']);
  await runGit(folder, ['add', '-A']);
  await runGit(folder, ['commit', '--quiet', '-m', 'Start the sample shop']);
}
