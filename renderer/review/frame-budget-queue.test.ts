import { describe, expect, it } from 'vitest';
import { FrameBudgetQueue } from './frame-budget-queue';

/** Lets the queue's message-channel tasks run. */
const tasks = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a queue of DOM jobs with a budget per frame', () => {
  it('runs jobs in order, one per task, until the frame has spent its budget, then waits for the next frame', async () => {
    const frames: Array<() => void> = [];
    const queue = new FrameBudgetQueue(10, (callback) => frames.push(callback));
    const ran: number[] = [];
    for (let i = 1; i <= 5; i++) {
      queue.enqueue(() => {
        ran.push(i);
        return 4;
      });
    }
    expect(ran).toEqual([]);
    await tasks();
    expect(ran).toEqual([1, 2, 3]);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    await tasks();
    expect(ran).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not count jobs that found nothing to do', async () => {
    const frames: Array<() => void> = [];
    const queue = new FrameBudgetQueue(10, (callback) => frames.push(callback));
    let ran = 0;
    for (let i = 0; i < 20; i++) {
      queue.enqueue(() => {
        ran++;
        return 0;
      });
    }
    await tasks();
    expect(ran).toBe(20);
    expect(frames).toHaveLength(0);
  });
});
