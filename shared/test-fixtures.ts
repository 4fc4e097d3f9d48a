import { type Project, ProjectSchema, type Thread, ThreadSchema } from './models';

/** A valid thread for tests; the schema fills every field with a default the override leaves out. */
export function makeThread(overrides: Partial<Thread> = {}): Thread {
  return ThreadSchema.parse({
    id: 't1',
    projectId: 'p1',
    name: 'Fix login',
    branch: 'switchyard/fix-login',
    baseBranch: 'main',
    worktreePath: '/repos/shop.worktrees/switchyard-fix-login',
    profileId: 'demo',
    prompt: '',
    status: 'working',
    statusReason: null,
    exitCode: null,
    createdAt: '2025-01-01T00:00:01.000Z',
    merged: null,
    worktreeMissing: false,
    ...overrides,
  });
}

export function makeProject(overrides: Partial<Project> = {}): Project {
  return ProjectSchema.parse({
    id: 'p1',
    name: 'shop',
    path: '/repos/shop',
    currentBranch: 'main',
    worktreeRoot: '/repos/shop.worktrees',
    openedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  });
}
