import type { ConnectionState } from '../transport/connection-state';
import { useConnectionState } from '../state/use-connection-state';

export type AccessProblem = 'token-missing' | 'token-refused';

/**
 * Why this page can show nothing at all: it never reached Switchyard for want of a usable token. A
 * page that did load keeps its threads on screen under the connection banner instead.
 */
export function accessProblem(state: ConnectionState, everLoaded: boolean): AccessProblem | null {
  if (everLoaded) return null;
  if (state.tokenMissing) return 'token-missing';
  return state.status === 'refused' ? 'token-refused' : null;
}

export function useAccessProblem(everLoaded: boolean): AccessProblem | null {
  return accessProblem(useConnectionState(), everLoaded);
}

/**
 * Stands in for the app when the page cannot reach Switchyard: a first-run page here (no projects,
 * "Try the demo") would read as if every thread and agent were gone.
 */
export function NoAccessPanel({ problem }: { problem: AccessProblem }) {
  return <NoAccessPanelView problem={problem} origin={window.location.origin} />;
}

export function NoAccessPanelView({ problem, origin }: { problem: AccessProblem; origin: string }) {
  return (
    <main className="welcome" data-testid="no-access-panel">
      <div className="welcome-card">
        <h1>{problem === 'token-missing' ? 'This tab has no access token' : 'Switchyard refused this tab'}</h1>
        <p>
          Nothing is lost: your threads and their agents are as you left them. This page cannot show them
          {problem === 'token-missing'
            ? ' without the access token — a new tab, a bookmark or a typed address starts without it.'
            : ': Switchyard was started again with a new access token.'}
        </p>
        <p>
          Open the full address that <code>npm start</code> or <code>switchyard serve</code> printed when it{' '}
          {problem === 'token-missing' ? 'started' : 'last started'}: <code>{origin}/?token=…</code>
        </p>
      </div>
    </main>
  );
}
