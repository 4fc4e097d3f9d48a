import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Project } from '../../shared/models';
import { listBranches } from '../git/branch';
import { currentBranch, hasCommits, resolveRepoRoot } from '../git/repo';
import type { StateRepository } from '../store/state-repository';
import { assertWorktreeRootOutsideGit } from './worktree-root';

/** Default home for a project's worktrees: a sibling folder, so the checkout itself stays clean. */
export function defaultWorktreeRoot(repoRoot: string): string {
  return `${repoRoot}.worktrees`;
}

export class ProjectService {
  constructor(
    private readonly state: StateRepository,
    private readonly onUpdated: (project: Project) => void,
  ) {}

  list(): Project[] {
    return this.state.projects();
  }

  get(id: string): Project {
    return this.state.project(id);
  }

  /** Opens (or re-opens) the repository containing `folder`. */
  async open(folder: string): Promise<Project> {
    const absolute = path.resolve(folder.replace(/^~(?=$|\/)/, process.env.HOME ?? '~'));
    const root = await resolveRepoRoot(absolute);
    if (!(await hasCommits(root))) {
      throw new AppError(
        'no-commits',
        `The repository at ${root} has no commits yet. Threads branch off a commit: make a first commit, then open it again.`,
      );
    }
    const branch = await currentBranch(root);
    const existing = this.state.findProjectByPath(root);
    const project: Project = existing
      ? { ...existing, currentBranch: branch }
      : {
          id: `p_${randomBytes(4).toString('hex')}`,
          name: path.basename(root),
          path: root,
          currentBranch: branch,
          worktreeRoot: defaultWorktreeRoot(root),
          openedAt: new Date().toISOString(),
          promptTemplate: null,
          setupCommand: null,
          copyFiles: [],
        };
    await this.state.putProject(project);
    this.onUpdated(project);
    return project;
  }

  async branches(id: string): Promise<{ current: string | null; branches: string[] }> {
    const project = this.get(id);
    const [current, branches] = await Promise.all([currentBranch(project.path), listBranches(project.path)]);
    return { current, branches };
  }

  /** Changes a project's settings and tells every window. */
  async update(id: string, patch: Partial<Omit<Project, 'id' | 'path'>>): Promise<Project> {
    const project = { ...this.get(id), ...patch };
    await this.state.putProject(project);
    this.onUpdated(project);
    return project;
  }

  /** The command run in each new worktree before its agent, and the ignored files copied into it. */
  async setSetup(id: string, setupCommand: string[] | null, copyFiles: string[]): Promise<Project> {
    for (const file of copyFiles) {
      if (path.isAbsolute(file) || path.normalize(file).startsWith('..')) {
        throw new AppError(
          'invalid-request',
          `"${file}" must be a path inside the repository, like .env or config/local.json.`,
        );
      }
    }
    const command = setupCommand?.filter((arg) => arg !== '') ?? [];
    return this.update(id, { setupCommand: command.length ? command : null, copyFiles });
  }

  async setWorktreeRoot(id: string, worktreeRoot: string): Promise<Project> {
    if (!path.isAbsolute(worktreeRoot)) {
      throw new AppError('invalid-request', `The worktree folder must be an absolute path; "${worktreeRoot}" is not.`);
    }
    await assertWorktreeRootOutsideGit(this.get(id).path, worktreeRoot);
    return this.update(id, { worktreeRoot: path.normalize(worktreeRoot) });
  }
}
