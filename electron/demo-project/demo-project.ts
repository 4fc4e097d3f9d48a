import path from 'node:path';
import type { Project, Thread } from '../../shared/models';
import type { ProjectService } from '../projects/project-service';
import type { ThreadService } from '../threads/thread-service';
import { createSampleRepo } from './sample-repo';

/**
 * The demo threads: one asks for approval, two edit the same line so merging both conflicts, and
 * one commits a TODO so "Ask for a review" (the demo reviewer) has a blocking finding to show.
 */
const demoThreads = [
  { name: 'Add greeting notes', scenario: 'feature', prompt: 'Write notes about the greeting module' },
  { name: 'Polish README', scenario: 'conflict-a', prompt: 'Make the README title friendlier' },
  { name: 'Rewrite README title', scenario: 'conflict-b', prompt: 'Give the README a new title' },
  { name: 'Add a discount helper', scenario: 'with-todo', prompt: 'Add a discount helper to the cart' },
] as const;

/**
 * "Try the demo": a fresh sample repository in the data folder, opened as a project, with a few
 * scripted threads running the demo agent — the whole loop before any real agent is installed.
 */
export async function startDemo(
  dataDir: string,
  projects: ProjectService,
  threads: ThreadService,
): Promise<{ project: Project; threads: Thread[] }> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const folder = path.join(dataDir, 'demo', `sample-shop-${stamp}`);
  await createSampleRepo(folder);
  const project = await projects.open(folder);
  const created: Thread[] = [];
  for (const demo of demoThreads) {
    created.push(
      await threads.create({
        projectId: project.id,
        name: demo.name,
        profileId: 'demo',
        prompt: demo.prompt,
        scenario: demo.scenario,
      }),
    );
  }
  return { project, threads: created };
}
