import { execFile } from 'node:child_process';

/** Runs `<binary> --version` (argv, no shell) with a short timeout; null when it says nothing usable. */
export function detectVersion(
  executable: string,
  versionArgs: readonly string[],
  timeoutMs = 5000,
): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(executable, [...versionArgs], { timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
      const text = `${stdout}\n${stderr}`;
      const match = /\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?/.exec(text);
      if (match) resolve(match[0]);
      else resolve(error ? null : text.trim().split('\n')[0] || null);
    });
  });
}
