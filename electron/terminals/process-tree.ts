/**
 * Ends an agent and everything it started. node-pty makes the child a session leader on
 * Unix, so its pid is also its process-group id and one signal reaches the whole tree.
 */
export function signalProcessTree(pid: number, signal: NodeJS.Signals): boolean {
  try {
    if (process.platform === 'win32') process.kill(pid, signal);
    else process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL for whatever is still there after `graceMs`. */
export async function stopProcessTree(pid: number, graceMs = 1500): Promise<void> {
  if (!signalProcessTree(pid, 'SIGHUP')) return;
  signalProcessTree(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid) && !groupAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  signalProcessTree(pid, 'SIGKILL');
}

function groupAlive(pid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
