import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeRepo, makeTempDir } from '../test-support/temp-repo';
import type { QueueContext } from './queue-context';
import { QueueMatrices } from './queue-matrix';
import { ProjectQueueSchema } from './queue-store';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let matrices: QueueMatrices;
let sent: string[];
let recomputes: ReturnType<typeof vi.spyOn>;

/** Longer than the debounce, and than a recompute of an empty queue. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

beforeEach(async () => {
  temp = await makeTempDir('queue-matrix-');
  const repo = await makeRepo(temp.dir);
  // Just what the matrix reads: a project with an empty queue landing into main.
  const context = {
    project: () => ({ id: 'p', path: repo }),
    projectThreads: () => [],
    store: { get: () => ProjectQueueSchema.parse({}) },
    targetOf: async () => ({ base: 'main', target: 'main' }),
    log: () => undefined,
  } as unknown as QueueContext;
  sent = [];
  matrices = new QueueMatrices(context, async (projectId) => sent.push(projectId));
  recomputes = vi.spyOn(matrices, 'recompute');
});
afterEach(async () => {
  await matrices.shutdown();
  await temp.cleanup();
});

describe('when the conflict matrix is recomputed', () => {
  it('never for a queue nobody has looked at', async () => {
    matrices.schedule('p');
    await settle();
    expect(recomputes).not.toHaveBeenCalled();
    expect(matrices.known('p')).toBe(false);
  });

  it('once for a burst of changes, then the view goes out', async () => {
    await matrices.recompute('p');
    expect(matrices.matrix('p')?.target).toBe('main');
    recomputes.mockClear();
    for (let i = 0; i < 5; i++) matrices.schedule('p');
    await settle();
    expect(recomputes).toHaveBeenCalledTimes(1);
    expect(sent).toEqual(['p']);
  });

  it('not while a landing holds it; the landing is told a change came meanwhile', async () => {
    await matrices.recompute('p');
    recomputes.mockClear();
    matrices.schedule('p'); // pending when the landing starts: counts as asked for
    matrices.hold('p');
    await settle();
    expect(recomputes).not.toHaveBeenCalled();
    expect(matrices.release('p')).toBe(true);

    matrices.hold('p');
    expect(matrices.release('p')).toBe(false);
    matrices.hold('p');
    matrices.schedule('p');
    await settle();
    expect(recomputes).not.toHaveBeenCalled();
    expect(matrices.release('p')).toBe(true);
    expect(sent).toEqual([]);
  });

  it('a recompute that sends the view itself drops the scheduled one', async () => {
    await matrices.recompute('p');
    recomputes.mockClear();
    matrices.schedule('p');
    matrices.cancelScheduled('p');
    await settle();
    expect(recomputes).not.toHaveBeenCalled();
  });
});
