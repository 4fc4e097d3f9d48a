import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { badgeLabel, StatusBadge } from './status-badge';

describe('status badge', () => {
  it('says rate-limited and stalled, and "stuck?" for a stall guessed from silence alone', () => {
    expect(badgeLabel('rate-limited', 'rate-limited until 15:00')).toBe('rate-limited');
    expect(badgeLabel('stalled', 'stalled: ERROR: Reconnecting... waiting for network')).toBe('stalled');
    expect(badgeLabel('stalled', 'stuck? no output or screen change for 10 minutes')).toBe('stuck?');
    const html = renderToStaticMarkup(<StatusBadge status="rate-limited" reason="rate-limited until 15:00" />);
    expect(html).toContain('data-status="rate-limited"');
    expect(html).toContain('title="rate-limited until 15:00"');
    expect(html).toContain('status-rate-limited');
  });

  it('says in its tooltip since when the thread is in its status, when that is known', () => {
    const since = new Date(2026, 0, 5, 14, 2, 30).toISOString();
    const now = new Date(2026, 0, 5, 14, 30).getTime();
    const html = renderToStaticMarkup(
      <StatusBadge status="needs-input" reason="asks: Apply? (y/n)" since={since} now={now} />,
    );
    expect(html).toContain('title="asks: Apply? (y/n) — since 14:02"');
    // Unknown (a record from before it was kept): the tooltip says only what it did.
    expect(renderToStaticMarkup(<StatusBadge status="working" since={null} />)).toContain('title="working"');
  });
});
