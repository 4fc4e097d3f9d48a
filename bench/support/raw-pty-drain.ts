import { PtyProcess } from '../../electron/terminals/pty-process';

/**
 * Runs `argv` in a pty of the app's own kind (node-pty, UTF-8 decoding, same size) and only counts
 * what it reads until `marker` appears: the fastest this program's output can leave a pty here.
 */
export async function drainRaw(
  argv: readonly string[],
  cwd: string,
  marker: string,
): Promise<{ chars: number; ms: number }> {
  const [file, ...args] = argv;
  if (!file) throw new Error('drainRaw needs a command');
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  let chars = 0;
  let tail = '';
  let child: PtyProcess | null = null;
  const started = performance.now();
  const drained = await new Promise<{ chars: number; ms: number }>((resolve, reject) => {
    child = new PtyProcess(
      { file, args, cwd, env, cols: 120, rows: 32 },
      {
        onData: (data) => {
          chars += data.length;
          tail = (tail + data).slice(-256);
          if (tail.includes(marker)) resolve({ chars, ms: performance.now() - started });
        },
        onExit: (code) => reject(new Error(`the raw producer exited (${code}) before printing ${marker}`)),
      },
    );
  });
  await (child as PtyProcess | null)?.stop();
  return drained;
}
