import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../transport/connection-state';
import { accessProblem, NoAccessPanelView } from './no-access-panel';

const open: ConnectionState = {
  status: 'open',
  epoch: 1,
  failures: 0,
  retryAt: null,
  tokenMissing: false,
  downSince: null,
};

describe('NoAccessPanel', () => {
  it('stands in for the app only while the page has never reached Switchyard for want of a usable token', () => {
    const noToken = { ...open, status: 'refused' as const, epoch: 0, tokenMissing: true };
    const refused = { ...open, status: 'refused' as const, epoch: 0 };
    expect(accessProblem(noToken, false)).toBe('token-missing');
    expect(accessProblem(refused, false)).toBe('token-refused');
    // Loaded before (the host restarted with a new token): the threads stay on screen under the banner.
    expect(accessProblem(refused, true)).toBeNull();
    expect(accessProblem(open, false)).toBeNull();
    expect(accessProblem({ ...open, status: 'reconnecting' }, false)).toBeNull();
  });

  it('says nothing is lost and where the address with the token is, instead of a first-run page', () => {
    const html = renderToStaticMarkup(<NoAccessPanelView problem="token-missing" origin="http://127.0.0.1:4000" />);
    expect(html).toContain('data-testid="no-access-panel"');
    expect(html).toContain('This tab has no access token');
    expect(html).toContain('Nothing is lost');
    expect(html).toContain('http://127.0.0.1:4000/?token=…');
    expect(html).toContain('switchyard serve');
    expect(html).not.toContain('Try the demo');
  });

  it('after a refused token, says to open the address printed at the last start', () => {
    const html = renderToStaticMarkup(<NoAccessPanelView problem="token-refused" origin="http://127.0.0.1:4000" />);
    expect(html).toContain('Switchyard refused this tab');
    expect(html).toContain('last started');
  });
});
