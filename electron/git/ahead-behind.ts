import { gitOutput } from './core';
import { readOnly } from './read-only';

/** How many commits `base` has that `head` lacks (behind), and the other way round (ahead). */
export async function aheadBehind(cwd: string, base: string, head: string): Promise<{ ahead: number; behind: number }> {
  const out = await gitOutput(cwd, ['rev-list', '--left-right', '--count', `${base}...${head}`], readOnly);
  const [behind = '0', ahead = '0'] = out.trim().split(/\s+/);
  return { ahead: Number(ahead), behind: Number(behind) };
}
