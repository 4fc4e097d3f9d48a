import { describe, expect, it } from 'vitest';
import { PtyProcess } from './pty-process';

interface Run {
  readonly output: string;
  readonly exitCode: number;
}

function run(script: string, options: { pausedForMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    let output = '';
    const child = new PtyProcess(
      {
        file: '/bin/bash',
        args: ['-c', script],
        cwd: process.cwd(),
        env: { PATH: process.env.PATH ?? '' },
        cols: 80,
        rows: 24,
      },
      {
        onData: (data) => {
          output += data;
        },
        onExit: (exitCode) => resolve({ output, exitCode }),
      },
    );
    if (options.pausedForMs) {
      child.pause();
      setTimeout(() => child.resume(), options.pausedForMs);
    }
  });
}

describe('PtyProcess at exit', () => {
  // Without the drain, Linux ended the stream early in about a third of these runs.
  it('delivers every line a fast producer wrote before it exited', async () => {
    const expected = Array.from({ length: 60_000 }, (_, i) => `${i + 1}\r\n`).join('') + 'END\r\n';
    for (let i = 0; i < 12; i++) {
      const { output, exitCode } = await run('seq 1 60000; echo END');
      expect(exitCode).toBe(0);
      expect(output.length).toBe(expected.length);
      expect(output.endsWith('END\r\n')).toBe(true);
    }
  }, 60_000);

  // node-pty destroys the pty 200 ms after the exit, read or not; flow control may pause longer.
  it('keeps the last output of a program that exits while reading is paused', async () => {
    const { output } = await run("printf 'x%.0s' $(seq 1 3000); echo END", { pausedForMs: 700 });
    expect(output).toBe(`${'x'.repeat(3000)}END\r\n`);
  });
});
