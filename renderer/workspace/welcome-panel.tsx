import { useState } from 'react';
import type { WireError } from '../../shared/errors';
import { getActions } from '../state/actions';
import { InlineError } from '../ui/inline-error';
import { OpenRepositoryControl } from './open-repository-control';

/** First run: nothing is open yet, so explain the app in two lines and offer the two ways in. */
export function WelcomePanel() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);

  const startDemo = async () => {
    setBusy(true);
    setError(null);
    const result = await getActions().startDemo();
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <main className="welcome" data-testid="welcome-panel">
      <div className="welcome-card">
        <h1>Dispatch coding agents in parallel</h1>
        <p className="muted">
          Each thread runs one agent in its own git worktree and branch. Watch and steer them in live terminals, review
          each branch&apos;s diff, and merge the ones you like.
        </p>

        <section className="welcome-section">
          <h2>See it work first</h2>
          <p className="muted">
            A sample project with scripted demo agents: see the whole flow before pointing agents at your own code.
          </p>
          <button
            type="button"
            className="button primary large"
            data-testid="try-demo"
            disabled={busy}
            onClick={() => void startDemo()}
          >
            {busy ? 'Starting demo…' : 'Try the demo'}
          </button>
          <InlineError error={error} testId="demo-error" />
        </section>

        <section className="welcome-section">
          <h2>Or open your own repository</h2>
          <p className="muted">Any git repository with at least one commit.</p>
          <OpenRepositoryControl size="large" />
        </section>
      </div>
    </main>
  );
}
