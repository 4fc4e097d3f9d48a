import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { stopReasonText } from '../../shared/stop-reasons';
import { makeThread } from '../../shared/test-fixtures';
import type { StartReport } from '../../shared/start-report';
import { dismissedStorageKey, HostLostBannerView, lostWithAgentHost } from './host-lost-banner';

const lostReason = stopReasonText('host-lost', null);
const emptyReport: StartReport = { startedAt: '2026-01-01T00:00:00.000Z', reattached: [], stopped: [] };

function render(threads: Thread[], report: StartReport = emptyReport): string {
  const byId = Object.fromEntries(threads.map((t) => [t.id, t]));
  return renderToStaticMarkup(<HostLostBannerView report={report} byId={byId} />);
}

describe('HostLostBanner', () => {
  it('shows nothing while no agent was lost with the agent host', () => {
    expect(
      render([
        makeThread({ id: 'a', name: 'Alpha', status: 'working' }),
        makeThread({ id: 'b', name: 'Beta', status: 'failed', statusReason: 'exit 1: Not logged in' }),
      ]),
    ).toBe('');
  });

  it('names every agent the agent host took down in this session and offers Resume all for them', () => {
    const html = render([
      // The agent host died under these while the app ran: the runtime reports them failed.
      makeThread({ id: 'a', name: 'Alpha', status: 'failed', statusReason: lostReason }),
      makeThread({ id: 'b', name: 'Beta', status: 'failed', statusReason: lostReason }),
      makeThread({
        id: 'c',
        name: 'Gamma',
        status: 'stopped',
        stopCause: 'host-lost',
        statusReason: `${lostReason} — it was asking: Apply this edit? (y/n)`,
      }),
      makeThread({ id: 'd', name: 'Delta', status: 'working' }),
    ]);
    expect(html).toContain('data-testid="host-lost-banner"');
    expect(html).toContain('The agent host stopped unexpectedly');
    expect(html).toContain('3 agents ended');
    expect(html).toContain('Alpha, Beta, Gamma');
    expect(html).not.toContain('Delta');
    expect(html).toContain('Resume all (3)');
    expect(html).toContain('data-testid="host-lost-banner-dismiss"');
  });

  it('leaves out threads the start banner already lists, archived threads and those whose worktree is gone', () => {
    const threads = [
      makeThread({ id: 'a', name: 'Alpha', status: 'failed', statusReason: lostReason }),
      makeThread({ id: 'b', name: 'Beta', status: 'stopped', stopCause: 'host-lost', statusReason: lostReason }),
      makeThread({ id: 'c', name: 'Gamma', status: 'failed', statusReason: lostReason, archived: true }),
      makeThread({ id: 'e', name: 'Epsilon', status: 'failed', statusReason: lostReason, worktreeMissing: true }),
    ];
    const report: StartReport = {
      ...emptyReport,
      stopped: [
        { threadId: 'b', name: 'Beta', status: 'stopped', cause: 'host-lost', reason: lostReason, canResume: true },
      ],
    };
    const byId = Object.fromEntries(threads.map((t) => [t.id, t]));
    expect(lostWithAgentHost(report, byId).map((t) => t.name)).toEqual(['Alpha', 'Epsilon']);
    const html = render(threads, report);
    expect(html).toContain('2 agents ended');
    expect(html).toContain('Alpha, Epsilon');
    // Epsilon cannot be resumed (no worktree): Resume all covers Alpha alone, and says so.
    expect(html).toContain('Resume it');
    expect(html).not.toContain('Resume all');
  });

  it('says "1 agent ended" for one', () => {
    const html = render([makeThread({ id: 'a', name: 'Alpha', status: 'failed', statusReason: lostReason })]);
    expect(html).toContain('1 agent ended');
    expect(html).toContain('Resume it');
  });

  it('stays dismissed across loads for the same lost agents, and shows again when the host takes others down', () => {
    const alpha = makeThread({
      id: 'a',
      name: 'Alpha',
      status: 'failed',
      statusReason: lostReason,
      statusSince: '2026-01-01T10:00:00.000Z',
    });
    const stored = new Map([[dismissedStorageKey, 'a@2026-01-01T10:00:00.000Z']]);
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => stored.set(k, v),
    };
    const view = (threads: Thread[]) =>
      renderToStaticMarkup(
        <HostLostBannerView
          report={emptyReport}
          byId={Object.fromEntries(threads.map((t) => [t.id, t]))}
          storage={storage}
        />,
      );
    expect(view([alpha])).toBe('');
    const beta = makeThread({ id: 'b', name: 'Beta', status: 'failed', statusReason: lostReason });
    expect(view([alpha, beta])).toContain('Alpha, Beta');
  });
});
