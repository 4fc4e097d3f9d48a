import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import {
  type AttemptColumn,
  type AttemptComparison,
  type AttemptGroup,
  criterionLabels,
  scoreCriteria,
} from '../../shared/attempts';
import type { WireError } from '../../shared/errors';
import { getBridge } from '../transport/bridge';
import { useUiStore } from '../state/ui-store';
import { Modal } from '../ui/modal';
import { AttemptDiffPanel } from './attempt-diff';
import { useAttemptsStore } from './attempts-store';
import { WeightsEditor } from './weights-editor';
import '../styles/attempts.css';

const dash = '—';

function elapsed(ms: number | null): string {
  if (ms === null) return dash;
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function usage(column: AttemptColumn): string {
  if (column.tokens === null && column.costUsd === null) return dash;
  const tokens = column.tokens === null ? '' : `${column.tokens.toLocaleString()} tokens`;
  const cost = column.costUsd === null ? '' : `$${column.costUsd.toFixed(2)}`;
  return [tokens, cost].filter(Boolean).join(' · ');
}

function benchmark(column: AttemptColumn): string {
  const result = column.benchmark;
  if (!result) return dash;
  if (result.exitCode !== 0) return `failed (${result.exitCode ?? 'did not run'})`;
  return result.printed === null ? `${Math.round(result.ms)} ms` : `${result.printed} (${Math.round(result.ms)} ms)`;
}

function score(value: number | null): string {
  return value === null ? dash : String(Math.round(value));
}

/** One row of the table: a label and one cell per attempt. */
function Row({ label, testId, cells }: { label: string; testId: string; cells: ReactNode[] }) {
  return (
    <tr data-testid={`compare-row-${testId}`}>
      <th scope="row">{label}</th>
      {cells.map((cell, index) => (
        <td key={index}>{cell}</td>
      ))}
    </tr>
  );
}

/**
 * The attempts of a group side by side: status, time, size of the change, brief checks, every
 * verification command, the benchmark, usage and the weighted scores (each formula in its
 * tooltip); a diff between any two; Pick keeps one, Restore brings a set-aside one back.
 */
export function CompareView({ group, onOpenThread }: { group: AttemptGroup; onOpenThread(threadId: string): void }) {
  const close = useAttemptsStore((state) => state.closeCompare);
  const setTab = useUiStore((state) => state.setTab);
  const [comparison, setComparison] = useState<AttemptComparison | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  const load = useCallback(async () => {
    const result = await getBridge().invoke('attempts.compare', { groupId: group.id });
    if (result.ok) setComparison(result.value);
    else setError(result.error);
  }, [group.id]);

  // Read again whenever the group changes (an attempt finished, was picked or restored).
  useEffect(() => {
    void load();
  }, [load, group]);

  const act = async (label: string, run: () => Promise<{ ok: boolean; error?: WireError }>) => {
    setBusy(label);
    setError(null);
    const result = await run();
    setBusy(null);
    if (!result.ok && result.error) setError(result.error);
    await load();
  };
  const bridge = getBridge();
  const verifyAll = () =>
    act('verify', async () => {
      const result = await bridge.invoke('attempts.verifyAll', { groupId: group.id });
      if (result.ok) setComparison(result.value);
      return result;
    });
  const pick = (k: number) => act(`pick-${k}`, () => bridge.invoke('attempts.pick', { groupId: group.id, k }));
  const restore = (k: number) => act(`restore-${k}`, () => bridge.invoke('attempts.restore', { groupId: group.id, k }));
  const openReview = (threadId: string) => {
    close();
    onOpenThread(threadId);
    setTab('diff');
  };

  const columns = comparison?.columns ?? [];
  const commands = columns.find((c) => c.checks.length > 0)?.checks.map((c) => c.command) ?? [];
  const cells = (render: (column: AttemptColumn) => ReactNode) => columns.map(render);

  return createPortal(
    <Modal title={`Compare attempts: ${group.name}`} testId="compare-view" onClose={busy ? undefined : close} wide>
      <div className="compare-view">
        <div className="compare-toolbar">
          <button
            type="button"
            className="button primary small"
            data-testid="compare-verify-all"
            disabled={busy !== null}
            onClick={() => void verifyAll()}
          >
            {busy === 'verify' ? 'Verifying…' : 'Verify all'}
          </button>
          {comparison && (
            <span className="muted" data-testid="compare-auto-pick">
              {comparison.autoPick === null
                ? 'Auto pick: none qualifies yet (verification passed, then smallest change, then fastest)'
                : `Auto pick: attempt ${comparison.autoPick} (verification passed, then smallest change, then fastest)`}
            </span>
          )}
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="compare-error">
            {error.message}
          </p>
        )}
        {!comparison && !error && <p className="muted">Reading the attempts…</p>}
        {comparison && (
          <table className="compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col" />
                {columns.map((column) => (
                  <th
                    scope="col"
                    key={column.k}
                    data-testid="compare-column"
                    data-k={column.k}
                    data-state={column.state}
                    className={`compare-column state-${column.state}`}
                  >
                    <div>Attempt {column.k}</div>
                    <div className="muted mono">{column.profileId}</div>
                    <div className="muted mono truncate" title={column.ref ?? column.branch}>
                      {column.state === 'set-aside' ? column.ref : column.branch}
                    </div>
                    <div className="compare-actions">
                      {column.threadId && (
                        <button type="button" className="button small" onClick={() => openReview(column.threadId!)}>
                          Review
                        </button>
                      )}
                      {column.threadId && column.state !== 'picked' && (
                        <button
                          type="button"
                          className="button small primary"
                          data-testid="compare-pick"
                          disabled={busy !== null}
                          title="Keep this attempt as the thread; stop the others and keep their work under refs/switchyard/attempts/"
                          onClick={() => void pick(column.k)}
                        >
                          {busy === `pick-${column.k}` ? 'Picking…' : 'Pick'}
                        </button>
                      )}
                      {column.state === 'picked' && <span className="badge">picked</span>}
                      {column.state === 'set-aside' && (
                        <button
                          type="button"
                          className="button small"
                          data-testid="compare-restore"
                          disabled={busy !== null}
                          title={`Recreate a worktree and thread from ${column.ref}`}
                          onClick={() => void restore(column.k)}
                        >
                          {busy === `restore-${column.k}` ? 'Restoring…' : 'Restore'}
                        </button>
                      )}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <Row label="Status" testId="status" cells={cells((c) => c.status ?? (c.ref ? 'set aside' : 'removed'))} />
              <Row label="Elapsed" testId="elapsed" cells={cells((c) => elapsed(c.elapsedMs))} />
              <Row label="Files" testId="files" cells={cells((c) => c.files ?? dash)} />
              <Row
                label="Lines"
                testId="lines"
                cells={cells((c) => (c.added === null || c.removed === null ? dash : `+${c.added} −${c.removed}`))}
              />
              <Row
                label="Scope and hazards"
                testId="checks"
                cells={cells((c) => {
                  const problems = [
                    ...c.outsideOwned.map((p) => `outside owned: ${p}`),
                    ...c.forbidden.map((p) => `forbidden: ${p}`),
                    ...c.hazards.map((p) => `hazard: ${p}`),
                  ];
                  return problems.length === 0 ? (
                    'clean'
                  ) : (
                    <span className="warning" title={problems.join('\n')}>
                      {problems.length} flagged
                    </span>
                  );
                })}
              />
              {commands.map((command, index) => (
                <Row
                  key={command}
                  label={command}
                  testId={`verify-${index}`}
                  cells={cells((c) => {
                    const state = c.checks[index]?.state ?? null;
                    return <span className={`check-state check-${state ?? 'none'}`}>{state ?? 'not run'}</span>;
                  })}
                />
              ))}
              <Row label="Benchmark" testId="benchmark" cells={cells(benchmark)} />
              <Row label="Tokens / cost" testId="usage" cells={cells(usage)} />
              {scoreCriteria.map((criterion) => (
                <Row
                  key={criterion}
                  label={`${criterionLabels[criterion]} (${comparison.weights[criterion]} %)`}
                  testId={`score-${criterion}`}
                  cells={cells((c) => (
                    <span title={c.scores[criterion]?.formula}>{score(c.scores[criterion]?.score ?? null)}</span>
                  ))}
                />
              ))}
              <Row
                label="Total"
                testId="total"
                cells={cells((c) => (
                  <strong title={c.totalFormula} data-testid="compare-total">
                    {score(c.total)}
                  </strong>
                ))}
              />
            </tbody>
          </table>
        )}
        {comparison && (
          <WeightsEditor projectId={group.projectId} weights={comparison.weights} onSaved={() => void load()} />
        )}
        <AttemptDiffPanel group={group} />
      </div>
    </Modal>,
    document.body,
  );
}
