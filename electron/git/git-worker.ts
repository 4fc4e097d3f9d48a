/**
 * The git worker thread (built as dist/git-worker.cjs): runs the git processes the main thread
 * asks for. Starting a process blocks the thread that starts it until the child has exec'd —
 * 5–15 ms each on a small machine, hundreds of milliseconds for a review's burst of git calls —
 * so they are started here, where that blocks nobody's input or terminal output.
 */
import { parentPort } from 'node:worker_threads';
import { runGitProcess } from './git-process';
import type { GitWorkerReply, GitWorkerRequest } from './git-worker-protocol';

if (!parentPort) throw new Error('git-worker.cjs runs as a worker thread, not on its own');
const port = parentPort;

port.on('message', (request: GitWorkerRequest) => {
  runGitProcess(request.invocation).then(
    (result) => port.postMessage({ id: request.id, result } satisfies GitWorkerReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies GitWorkerReply),
  );
});
