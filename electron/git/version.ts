import { simpleGit } from 'simple-git';
import { AppError } from '../../shared/errors';

/** merge-tree --write-tree (conflict checks without a working tree) arrived in git 2.38. */
export const minimumGitVersion = [2, 38] as const;

/** The installed git's version as "major.minor.patch" (read and parsed by simple-git). */
export async function gitVersion(): Promise<string> {
  const version = await simpleGit().version();
  if (!version.installed) {
    throw new AppError('internal', 'git was not found on the PATH; install git 2.38 or newer.');
  }
  return `${version.major}.${version.minor}.${version.patch}`;
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
