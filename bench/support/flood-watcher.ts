import { fork } from 'node:child_process';
import path from 'node:path';
import { onCleanup } from './lifecycle';

/** Starts flood-watcher-main.ts (bundled beside this benchmark) on `threadIds`; resolves once attached. */
export async function watchFloodsFromAnotherProcess(
  port: number,
  token: string,
  threadIds: readonly string[],
): Promise<void> {
  const child = fork(path.join(__dirname, 'flood-watcher.cjs'), [String(port), token, ...threadIds], {
    stdio: ['ignore', process.stderr, process.stderr, 'ipc'],
  });
  onCleanup(() => {
    if (child.exitCode === null) child.kill();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the flood watcher exited with ${code}`)));
  });
}
