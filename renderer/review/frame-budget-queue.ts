/**
 * A queue of DOM-building jobs run one per task, at most `budget` worth of them between two
 * frames. A job's own task is short, but what it adds is laid out in the next frame: without a
 * budget, the tasks that fit between two frames could hand a single frame hundreds of new rows to
 * lay out (measured: 620 elements, 23 ms of layout in one frame on the 2-core VM).
 */
export class FrameBudgetQueue {
  private readonly jobs: Array<() => number> = [];
  private spent = 0;
  private pumping = false;
  private waitingForFrame = false;
  private readonly channel = new MessageChannel();

  constructor(
    private readonly budget: number,
    private readonly nextFrame: (callback: () => void) => void = (callback) => requestAnimationFrame(callback),
  ) {
    this.channel.port1.onmessage = () => this.runOne();
  }

  /**
   * Runs `job` in a task of its own, after the jobs before it. It returns what it cost (0 when it
   * found nothing left to do), which counts against the frame's budget.
   */
  enqueue(job: () => number): void {
    this.jobs.push(job);
    if (this.pumping) return;
    this.pumping = true;
    this.channel.port2.postMessage(null);
  }

  private runOne(): void {
    const job = this.jobs.shift();
    if (job) this.spent += job();
    if (this.jobs.length === 0) {
      this.pumping = false;
      return;
    }
    if (this.spent < this.budget) {
      this.channel.port2.postMessage(null);
      return;
    }
    // This frame has enough to lay out: go on after it.
    if (this.waitingForFrame) return;
    this.waitingForFrame = true;
    this.nextFrame(() => {
      this.waitingForFrame = false;
      this.spent = 0;
      this.channel.port2.postMessage(null);
    });
  }
}
