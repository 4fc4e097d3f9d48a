import { access } from 'node:fs/promises';

/** Whether anything (file, folder, link target) is at `file`; false for any reason it cannot be reached. */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
