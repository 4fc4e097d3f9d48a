/** The hooks the app tests on real repositories share (plans, attempts): one place instead of one copy per file. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import path from 'node:path';
import { prepareDist, type RepoWithReviewApp, repoWithReviewApp, type ReviewTestApp, startReviewApp } from './review';
import { makeTempDir } from './temp-repo';

export interface AppSuite {
  /** The suite's scratch folder (scenario files and the like go here). */
  dir(): string;
  /** This test's repository (`files` committed), data folder, app and project. */
  current(): RepoWithReviewApp;
  /** Shuts this test's app down and starts it again over the same data folder: a restart. */
  restart(): Promise<ReviewTestApp>;
}

/**
 * Registers, in the describe block (or file) it is called in: a scratch folder with the demo agent
 * bundled once; before each test a fresh repository with an app that has it open; after each, the
 * app shut down.
 */
export function useAppSuite(prefix: string, files: Record<string, string>): AppSuite {
  let temp: Awaited<ReturnType<typeof makeTempDir>> | null = null;
  let now: RepoWithReviewApp | null = null;
  const dir = () => {
    if (!temp) throw new Error('useAppSuite: used outside its tests');
    return temp.dir;
  };
  const current = () => {
    if (!now) throw new Error('useAppSuite: used outside a test');
    return now;
  };
  beforeAll(async () => {
    temp = await makeTempDir(prefix);
    await prepareDist(path.join(temp.dir, 'dist'));
  }, 60_000);
  afterAll(async () => {
    await temp?.cleanup();
    temp = null;
  });
  beforeEach(async () => {
    now = await repoWithReviewApp(dir(), path.join(dir(), 'dist'), files);
  });
  afterEach(async () => {
    await now?.t.app.shutdown();
    now = null;
  });
  return {
    dir,
    current,
    async restart() {
      const was = current();
      await was.t.app.shutdown();
      const t = await startReviewApp(was.dataDir, path.join(dir(), 'dist'));
      now = { ...was, t };
      return t;
    },
  };
}
