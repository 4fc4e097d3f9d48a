import { useCallback, useEffect, useState } from 'react';
import 'diff2html/bundles/css/diff2html.min.css';
import type { WireError } from '../../shared/errors';
import type { DiffFile, ThreadDiff } from '../../shared/models';
import { fileAnchorId, type DiffLayout } from '../diff/render-diff';
import { getActions } from '../state/actions';
import { readPreference, writePreference } from '../state/local-preference';
import { DiffContent } from './diff-content';

const layoutKey = 'switchyard.diffLayout';

function initialLayout(): DiffLayout {
  return readPreference(layoutKey) === 'side-by-side' ? 'side-by-side' : 'line-by-line';
}

type Loaded = { threadId: string; request: string } & ({ diff: ThreadDiff } | { error: WireError });

interface DiffPaneProps {
  threadId: string;
  /**
   * Changes whenever the branch has probably moved (status change, merge), so the diff is fetched
   * again without the dispatcher pressing Refresh.
   */
  revision: string;
}

/** What the thread's branch would bring into its base: commits, files, and the diff itself. */
export function DiffPane({ threadId, revision }: DiffPaneProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [layout, setLayout] = useState<DiffLayout>(initialLayout);
  const [reloadCount, setReloadCount] = useState(0);
  const request = `${threadId}:${revision}:${reloadCount}`;

  useEffect(() => {
    let cancelled = false;
    void getActions()
      .getDiff(threadId)
      .then((result) => {
        if (cancelled) return;
        setLoaded(result.ok ? { threadId, request, diff: result.value } : { threadId, request, error: result.error });
      });
    return () => {
      cancelled = true;
    };
  }, [threadId, request]);

  // While a refetch runs, the previous diff of the same thread stays on screen (no flashing).
  const loading = loaded?.request !== request;
  const refresh = useCallback(() => setReloadCount((n) => n + 1), []);

  const toggleLayout = (sideBySide: boolean) => {
    const next: DiffLayout = sideBySide ? 'side-by-side' : 'line-by-line';
    writePreference(layoutKey, next);
    setLayout(next);
  };

  const openFile = (file: DiffFile) => {
    document.getElementById(fileAnchorId(file.source, file.path))?.scrollIntoView({ block: 'start' });
  };

  // A result for another thread is stale: show it as loading rather than as this thread's diff.
  const current = loaded?.threadId === threadId ? loaded : null;

  return (
    <div className="diff-pane" data-testid="diff-pane" data-loading={loading || !current ? 'true' : 'false'}>
      <div className="pane-toolbar">
        <button type="button" className="button small" data-testid="diff-refresh" onClick={refresh} disabled={loading}>
          {loading ? 'Loading…' : 'Refresh'}
        </button>
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="diff-side-by-side"
            checked={layout === 'side-by-side'}
            onChange={(event) => toggleLayout(event.target.checked)}
          />
          Side by side
        </label>
        {current && 'diff' in current && (
          <span className="muted diff-summary">
            {current.diff.commits.length} commit{current.diff.commits.length === 1 ? '' : 's'} ·{' '}
            {current.diff.files.length} file{current.diff.files.length === 1 ? '' : 's'} · against{' '}
            <span className="mono">{current.diff.baseBranch}</span> at{' '}
            <span className="mono">{current.diff.mergeBase.slice(0, 7)}</span>
          </span>
        )}
      </div>

      <div className="diff-scroll">
        {!current && <p className="pane-message muted">Loading diff…</p>}
        {current && 'error' in current && (
          <div className="pane-message" role="alert" data-testid="diff-error">
            <p className="inline-error">{current.error.message}</p>
            <button type="button" className="button" onClick={refresh}>
              Try again
            </button>
          </div>
        )}
        {current && 'diff' in current && <DiffContent diff={current.diff} layout={layout} onOpenFile={openFile} />}
      </div>
    </div>
  );
}
