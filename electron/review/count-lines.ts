import { createReadStream } from 'node:fs';

/** Bytes git inspects for a NUL to call a file binary. */
const binarySniffBytes = 8000;

/**
 * Line count of a new file as `git diff --numstat` would report it, and whether git would call it
 * binary (a NUL in its first 8,000 bytes). Streams, so a huge file costs no memory.
 */
export function countLines(file: string): Promise<{ lines: number; binary: boolean; size: number }> {
  return new Promise((resolve) => {
    let lines = 0;
    let size = 0;
    let last = -1;
    let binary = false;
    const stream = createReadStream(file);
    stream.on('data', (data: string | Buffer) => {
      const chunk = typeof data === 'string' ? Buffer.from(data) : data;
      if (size < binarySniffBytes && chunk.subarray(0, binarySniffBytes - size).includes(0)) {
        binary = true;
        stream.destroy();
        resolve({ lines: 0, binary, size: size + chunk.length });
        return;
      }
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      size += chunk.length;
      last = chunk[chunk.length - 1] ?? last;
    });
    stream.on('end', () => resolve({ lines: size > 0 && last !== 10 ? lines + 1 : lines, binary, size }));
    // A file that vanished or cannot be read counts as empty; the next refresh sees it gone.
    stream.on('error', () => resolve({ lines: 0, binary, size }));
  });
}
