import { flowControl } from '../../shared/flow-control';
import type { TerminalViewer } from '../terminals/terminal-viewer';

/**
 * Tells the agent host how much each window's connection in this process still holds, so its flow
 * control sees it (a connection says nothing when it drains, so it is looked at). It looks only
 * while there is something to see: from the moment output is handed to a window until every
 * connection has drained and the host has heard so. An app whose windows receive nothing has no
 * timer (it was a 25 ms poll for as long as a window was attached: 40 wake-ups a second, idle).
 */
export class QueuedReporter {
  private readonly links = new Map<string, TerminalViewer>();
  private readonly reported = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly report: (linkId: string, bytes: number) => void,
    private readonly pollMs: number = flowControl.transportPollMs,
  ) {}

  add(link: TerminalViewer): void {
    this.links.set(link.id, link);
  }

  remove(linkId: string): void {
    this.links.delete(linkId);
    this.reported.delete(linkId);
    if (this.links.size === 0) this.stop();
  }

  /** Output was just handed to `linkId`: watch its connection until it has drained. */
  sent(linkId: string): void {
    if (this.timer || !this.links.get(linkId)?.queuedBytes) return;
    this.timer = setInterval(() => this.look(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private look(): void {
    let holding = false;
    for (const [id, link] of this.links) {
      const bytes = link.queuedBytes?.() ?? 0;
      if (bytes > 0) holding = true;
      if (bytes === (this.reported.get(id) ?? 0)) continue;
      this.reported.set(id, bytes);
      this.report(id, bytes);
    }
    if (!holding) this.stop();
  }
}
