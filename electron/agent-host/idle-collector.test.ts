import { afterEach, describe, expect, it } from 'vitest';
import { type HeapReading, startIdleCollector } from './idle-collector';

const mb = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `condition` (timers are late on a loaded machine), for at most two seconds. */
async function eventually(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition() && Date.now() < deadline) await sleep(5);
}

/** A heap whose readings the test sets; a collection drops `used` to what is live and shrinks what is resident. */
class FakeHeap {
  used = 10 * mb;
  resident = 20 * mb;
  live = 9 * mb;
  collections = 0;
  read = (): HeapReading => ({ used: this.used, resident: this.resident });
  collect = () => {
    this.collections++;
    this.used = this.live;
    this.resident = this.live + mb;
  };
}

describe('the agent host idle collector', () => {
  let collector: ReturnType<typeof startIdleCollector> | null = null;
  afterEach(() => collector?.stop());

  const start = (heap: FakeHeap) => {
    collector = startIdleCollector({
      collect: heap.collect,
      readHeap: heap.read,
      checkMs: 5,
      maxCheckMs: 80,
      slackBytes: 4 * mb,
      quietBytes: 256 * 1024,
      quietChecks: 3,
    });
  };

  it('collects once a heap holding slack has been quiet, and not again while nothing changes', async () => {
    const heap = new FakeHeap();
    start(heap);
    await eventually(() => heap.collections > 0);
    // Dozens of checks more, the heap unchanged: no second collection.
    await sleep(150);
    expect(heap.collections).toBe(1);
    expect(heap.resident).toBe(10 * mb);
  });

  it('collects again after the heap has changed and grown slack again', async () => {
    const heap = new FakeHeap();
    start(heap);
    await eventually(() => heap.collections > 0);
    expect(heap.collections).toBe(1);
    heap.used = 12 * mb;
    heap.resident = 20 * mb;
    await eventually(() => heap.collections > 1);
    expect(heap.collections).toBe(2);
  });

  it('leaves a heap that keeps changing (a flood) to V8', async () => {
    const heap = new FakeHeap();
    // Every reading finds a megabyte more, as a flood's output passing through the heap would.
    const read = heap.read;
    heap.read = () => {
      heap.used += mb;
      heap.resident = heap.used + 10 * mb;
      return read();
    };
    start(heap);
    await sleep(150);
    expect(heap.collections).toBe(0);
  });

  it('looks less and less often once nothing is left to do, and at its pace again once the heap moves', async () => {
    const heap = new FakeHeap();
    let reads = 0;
    const read = heap.read;
    heap.read = () => {
      reads++;
      return read();
    };
    start(heap);
    await eventually(() => heap.collections > 0);
    // Long after the collection, at 5 ms a check there would be ~40 reads in 200 ms; backed off to 80 ms, ~3.
    await sleep(400);
    const before = reads;
    await sleep(200);
    expect(reads - before).toBeLessThanOrEqual(4);
    // A burst: seen at the next look, then collected again at the usual pace.
    heap.used = 14 * mb;
    heap.resident = 24 * mb;
    await eventually(() => heap.collections > 1);
    expect(heap.collections).toBe(2);
  });

  it('is back at its pace at once when told of activity, so a burst that follows is given back soon', async () => {
    const heap = new FakeHeap();
    collector = startIdleCollector({
      collect: heap.collect,
      readHeap: heap.read,
      checkMs: 5,
      maxCheckMs: 20_000,
      slackBytes: 4 * mb,
      quietBytes: 256 * 1024,
      quietChecks: 3,
    });
    await eventually(() => heap.collections > 0);
    await sleep(2_700); // backed off: the next look is seconds away
    // A request, then the burst it brings: collected within a few checks, not at the next look.
    collector.wake();
    heap.used = 14 * mb;
    heap.resident = 24 * mb;
    const woken = performance.now();
    await eventually(() => heap.collections > 1);
    expect(performance.now() - woken).toBeLessThan(1_000);
  });

  it('leaves a heap with little slack alone', async () => {
    const heap = new FakeHeap();
    heap.resident = heap.used + 2 * mb;
    start(heap);
    await sleep(150);
    expect(heap.collections).toBe(0);
  });
});
