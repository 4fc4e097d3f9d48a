import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { makeThread } from '../../shared/test-fixtures';
import type { StartReport } from '../../shared/start-report';
import { StartBannerView } from './start-banner';

function render(report: Omit<StartReport, 'startedAt'>, threads: Thread[] = []): string {
  const byId = Object.fromEntries(threads.map((t) => [t.id, t]));
  return renderToStaticMarkup(
    <StartBannerView report={{ startedAt: '2026-01-01T00:00:00.000Z', ...report }} byId={byId} />,
  );
}

describe('StartBanner', () => {
  it('shows nothing when the start found nothing to report', () => {
    expect(render({ reattached: [], stopped: [] })).toBe('');
  });

  it('names the reattached agents and the stopped ones with their reasons, offering Resume all for those still stopped', () => {
    const threads = [
      makeThread({ id: 'a', name: 'Alpha', status: 'working' }),
      makeThread({ id: 'b', name: 'Beta', status: 'stopped', stopCause: 'quit' }),
      makeThread({ id: 'c', name: 'Gamma', status: 'stopped', stopCause: 'host-lost' }),
      makeThread({ id: 'd', name: 'Delta', status: 'working' }),
    ];
    const stopped = (threadId: string, name: string, reason: string) => ({
      threadId,
      name,
      status: 'stopped' as const,
      cause: 'quit' as const,
      reason,
      canResume: true,
    });
    const html = render(
      {
        reattached: [{ threadId: 'a', name: 'Alpha' }],
        stopped: [
          stopped('b', 'Beta', 'stopped when Switchyard quit'),
          stopped('c', 'Gamma', 'agent host stopped unexpectedly — resume to continue'),
          // Resumed since: listed, but not resumed again.
          stopped('d', 'Delta', 'stopped when Switchyard quit'),
        ],
      },
      threads,
    );
    expect(html).toContain('Still running, reattached: </strong>Alpha');
    expect(html).toContain('3 agents stopped with Switchyard');
    expect(html).toContain('Beta</span> — stopped when Switchyard quit');
    expect(html).toContain('Gamma</span> — agent host stopped unexpectedly — resume to continue');
    expect(html).toContain('Resume all (2)');
    expect(html).toContain('data-testid="start-banner-dismiss"');
  });

  it('lists agents left in an older agent host apart from the reattached ones, saying what that means', () => {
    const html = render({ reattached: [], stopped: [], inOlderHost: [{ threadId: 'o', name: 'Old one' }] }, [
      makeThread({ id: 'o', name: 'Old one', status: 'working' }),
    ]);
    expect(html).toContain('data-testid="start-banner-older-host"');
    expect(html).toContain('agent host, not reattached: </strong>Old one');
    expect(html).toContain('no live output');
    expect(html).not.toContain('Still running, reattached');
  });
});
