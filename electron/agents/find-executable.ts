import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';

/** Resolves a binary the way a shell would (PATH, PATHEXT on Windows), without running a shell. */
export async function findExecutable(binary: string, envPath = process.env.PATH ?? ''): Promise<string | null> {
  if (!binary) return null;
  if (binary.includes('/') || binary.includes('\\')) {
    return (await isExecutableFile(binary)) ? path.resolve(binary) : null;
  }
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = path.join(dir, binary + extension);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
