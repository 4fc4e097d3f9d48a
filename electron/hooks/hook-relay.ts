/**
 * hook-relay: the tiny program Claude Code runs for a thread's Notification, Stop and
 * UserPromptSubmit hooks (installed by install-claude-hooks.ts). It reads the hook's JSON on
 * stdin and POSTs it, with the thread id, to Switchyard's hook server (hook-server.ts), whose
 * address and token come from the agent's environment.
 *
 * It never gets in the agent's way: it prints nothing (a UserPromptSubmit hook's output would
 * be added to the prompt), always exits 0, and gives up after a couple of seconds. Run outside
 * Switchyard (no address in the environment) it does nothing at all.
 */
import { request } from 'node:http';
import { hookEnv, hookTokenHeader, maxHookBodyBytes } from './hook-protocol';

const giveUpAfterMs = 2500;

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxHookBodyBytes) chunks.push(chunk);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', () => resolve(''));
  });
}

function post(url: string, token: string, body: string): Promise<void> {
  return new Promise((resolve) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          [hookTokenHeader]: token,
        },
        timeout: giveUpAfterMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve());
      },
    );
    outgoing.on('error', () => resolve());
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.end(body);
  });
}

async function main(): Promise<void> {
  const url = process.env[hookEnv.url];
  const token = process.env[hookEnv.token];
  const threadId = process.env[hookEnv.threadId];
  if (!url || !token || !threadId) return;
  let hook: unknown;
  try {
    hook = JSON.parse(await readStdin());
  } catch {
    return;
  }
  await post(url, token, JSON.stringify({ threadId, hook }));
}

setTimeout(() => process.exit(0), giveUpAfterMs).unref();
main().then(
  () => process.exit(0),
  () => process.exit(0),
);
