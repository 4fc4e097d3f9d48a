import { AppError } from '../../shared/errors';
import { gitOutput } from './core';

/** merge-tree --write-tree (conflict checks without a working tree) arrived in git 2.38. */
export const minimumGitVersion = [2, 38] as const;

export async function gitVersion(): Promise<string> {
  const text = await gitOutput(process.cwd(), ['--version']);
  const match = /git version (\d+\.\d+(?:\.\d+)?)/.exec(text);
  if (!match?.[1]) throw new AppError('internal', `Could not read the git version from "${text.trim()}"`);
  return match[1];
}

export function isGitVersionSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor, needMinor] = minimumGitVersion;
  return major > needMajor || (major === needMajor && minor >= needMinor);
}

export async function assertGitSupported(): Promise<string> {
  const version = await gitVersion();
  if (!isGitVersionSupported(version)) {
    throw new AppError(
      'git-too-old',
      `Switchyard needs git ${minimumGitVersion.join('.')} or newer; this machine has git ${version}.`,
    );
  }
  return version;
}
