import { useEffect, useMemo, useRef, useState } from 'react';
import type { DryRunReportView, PlanCheckResultView } from '../../shared/contract/plans';
import type { WireError } from '../../shared/errors';
import { InlineError } from '../ui/inline-error';
import { type DraftPlan, emptyPlan, draftText, parseDraft, planIssues } from './plan-draft';
import { PlanTable } from './plan-table';
import { plansApi } from './plans-api';
import { closePlans, usePlansStore } from './plans-store';
import { RunPanel } from './run-panel';
import { WaveGraph } from './wave-graph';
import '../styles/plans.css';

/** How long typing pauses before the plan is checked again. */
const checkDebounceMs = 400;

/** The project's plans in the main area: a plan's source, its briefs as a table, its check and waves, its runs. */
export function PlansView({ projectId }: { projectId: string }) {
  return (
    <section className="plans-view" data-testid="plans-view" data-project-id={projectId}>
      <header className="plans-header">
        <h2>Plans</h2>
        <span className="muted">a batch of briefs: checked, dry-run, run wave by wave and landed in order</span>
        <span className="spacer" />
        <button type="button" className="button small" data-testid="plans-close" onClick={closePlans}>
          Close
        </button>
      </header>
      <PlansEditor key={projectId} projectId={projectId} />
    </section>
  );
}

/** Each way to bring a plan in: its toolbar button, and what its panel asks for and does. */
const sources = {
  paste: {
    button: 'Paste a plan',
    testId: 'plan-paste',
    label: 'Plan (JSON or YAML)',
    placeholder: 'Paste a plan: JSON or YAML (see docs/examples/plan.example.json)',
    hint: 'It replaces the plan being edited.',
    use: 'Use this plan',
  },
  checklist: {
    button: 'From a checklist',
    testId: 'plan-from-checklist',
    label: 'Markdown checklist',
    placeholder: '- [ ] One task per line',
    hint: 'Each unchecked item becomes a task; checked ones are left out.',
    use: 'Make a plan',
  },
} as const;

type Source = 'none' | keyof typeof sources;

function PlansEditor({ projectId }: { projectId: string }) {
  const { text, file, setText } = usePlansStore();
  const runs = usePlansStore((state) => state.runs);
  const shownRunId = usePlansStore((state) => state.shownRunId);
  const [source, setSource] = useState<Source>(text ? 'none' : 'paste');
  const [pasted, setPasted] = useState('');
  const [files, setFiles] = useState<{ path: string; name: string }[]>([]);
  const [check, setCheck] = useState<PlanCheckResultView | null>(null);
  const [report, setReport] = useState<DryRunReportView | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saveName, setSaveName] = useState('');
  const runsRef = useRef<HTMLDivElement>(null);

  const parsed = useMemo(() => (text ? parseDraft(text) : null), [text]);
  const draft = parsed && 'plan' in parsed ? parsed.plan : null;

  useEffect(() => {
    void plansApi.list(projectId).then((result) => result.ok && setFiles(result.value));
  }, [projectId]);

  // The check runs on the text as it is, a moment after typing stops.
  useEffect(() => {
    if (!text.trim()) return setCheck(null);
    let current = true;
    const timer = setTimeout(() => {
      void plansApi.check(projectId, text).then((result) => {
        if (current && result.ok) setCheck(result.value);
      });
    }, checkDebounceMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [projectId, text]);

  const edit = (plan: DraftPlan) => {
    setText(draftText(plan));
    setReport(null);
  };
  const takeSource = async () => {
    setError(null);
    if (source === 'checklist') {
      const result = await plansApi.fromChecklist(projectId, pasted);
      if (!result.ok) return setError(result.error);
      setText(result.value.text, null);
      setNotice(
        `${result.value.tasks} task${result.value.tasks === 1 ? '' : 's'} from the checklist: fill in what each owns.`,
      );
    } else setText(pasted, null);
    setSource('none');
    setPasted('');
    setReport(null);
  };
  const openFile = async (path: string) => {
    const result = await plansApi.read(projectId, path);
    if (!result.ok) return setError(result.error);
    setText(result.value.text, result.value.path);
    setSource('none');
    setReport(null);
  };
  const save = async () => {
    const name = saveName.trim() || 'plan';
    const result = await plansApi.save(projectId, name, text, file ?? undefined);
    if (!result.ok) return setError(result.error);
    usePlansStore.getState().setText(text, result.value.path);
    setNotice(`Saved to ${result.value.path}.`);
    void plansApi.list(projectId).then((r) => r.ok && setFiles(r.value));
  };
  const dryRun = async () => {
    const result = await plansApi.dryRun(projectId, text);
    if (!result.ok) return setError(result.error);
    setError(null);
    setCheck(result.value.check);
    setReport(result.value.report);
  };
  const run = async () => {
    const result = await plansApi.run(projectId, text);
    if (!result.ok) return setError(result.error);
    setError(null);
    usePlansStore.getState().upsertRun(result.value);
    usePlansStore.getState().showRun(result.value.runId);
    // The run's panel is below the table: follow it there once it is drawn.
    requestAnimationFrame(() => void runsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  };

  const projectRuns = Object.values(runs)
    .filter((r) => r.projectId === projectId)
    .sort((a, b) => b.runId.localeCompare(a.runId));
  const shownRun = (shownRunId && runs[shownRunId]) || projectRuns[0];

  return (
    <div className="plans-editor">
      <div className="plans-toolbar" role="toolbar" aria-label="The plan">
        <select
          className="select small"
          aria-label="Plan files in the project"
          data-testid="plan-files"
          value=""
          disabled={files.length === 0}
          title={files.length === 0 ? 'No plan files in the project yet (.switchyard/plans/)' : undefined}
          onChange={(event) => event.target.value && void openFile(event.target.value)}
        >
          <option value="">{files.length === 0 ? 'No plan files yet' : 'Open a plan file…'}</option>
          {files.map((f) => (
            <option key={f.path} value={f.path}>
              {f.path}
            </option>
          ))}
        </select>
        {(Object.keys(sources) as (keyof typeof sources)[]).map((kind) => (
          <button
            key={kind}
            type="button"
            className="button small"
            data-testid={sources[kind].testId}
            aria-pressed={source === kind}
            onClick={() => setSource(kind)}
          >
            {sources[kind].button}
          </button>
        ))}
        <button
          type="button"
          className="button small"
          onClick={() => (setText(draftText(emptyPlan), null), setSource('none'))}
        >
          New plan
        </button>
        {text && (
          <span className="plans-file truncate" title={file ?? undefined}>
            {file ?? 'not saved'}
          </span>
        )}
        <span className="spacer" />
        {draft && (
          <>
            {file === null && (
              <input
                className="input small plans-save-name"
                aria-label="Save as"
                data-testid="plan-save-name"
                placeholder="name (in .switchyard/plans/)"
                value={saveName}
                onChange={(event) => setSaveName(event.target.value)}
              />
            )}
            <button type="button" className="button small" title={file ?? undefined} onClick={() => void save()}>
              Save
            </button>
            <button
              type="button"
              className="button small"
              data-testid="plan-dry-run"
              disabled={!check?.ok}
              title="What the run would create and start, without starting anything"
              onClick={() => void dryRun()}
            >
              Dry run
            </button>
            <button
              type="button"
              className="button small primary"
              data-testid="plan-run-start"
              disabled={!check?.ok}
              onClick={() => void run()}
            >
              Run
            </button>
          </>
        )}
      </div>
      {source !== 'none' && (
        <div className="plans-source">
          <textarea
            className="input mono"
            data-testid="plan-source-text"
            autoFocus
            rows={6}
            aria-label={sources[source].label}
            placeholder={sources[source].placeholder}
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
          />
          <div className="plans-source-actions">
            <span className="muted">{sources[source].hint}</span>
            <span className="spacer" />
            {text && (
              <button type="button" className="button small" onClick={() => (setSource('none'), setPasted(''))}>
                Cancel
              </button>
            )}
            <button
              type="button"
              className="button small primary"
              data-testid="plan-use-source"
              disabled={!pasted.trim()}
              onClick={() => void takeSource()}
            >
              {sources[source].use}
            </button>
          </div>
        </div>
      )}
      <InlineError error={error} testId="plans-error" />
      {notice && <p className="plan-notice">{notice}</p>}
      {parsed && 'error' in parsed && <p className="inline-error">{parsed.error}</p>}
      {!text && source === 'none' && (
        <p className="muted">Open a plan file, paste a plan, start from a Markdown checklist, or start a new plan.</p>
      )}
      {draft && (
        <>
          <div className="plans-overview">
            <div className="plan-check" data-testid="plan-check" data-ok={check ? String(check.ok) : 'unknown'}>
              <h3>Check</h3>
              {check === null ? (
                <span className="muted">Checking…</span>
              ) : check.ok ? (
                <span className="tone-good">
                  Ready to run
                  {check.warnings.length > 0
                    ? ` (${check.warnings.length} warning${check.warnings.length === 1 ? '' : 's'})`
                    : ''}
                </span>
              ) : (
                <span className="tone-bad">
                  {check.errors.length} error{check.errors.length === 1 ? '' : 's'}
                </span>
              )}
              {planIssues(check).map((issue, i) => (
                <p key={i} className={`plan-issue ${issue.level}`}>
                  {issue.message}
                </p>
              ))}
              {check && check.errors.length + check.warnings.length > planIssues(check).length && (
                <p className="plan-check-hint muted">A task&apos;s own errors and warnings are under its row.</p>
              )}
            </div>
            {check && check.waves.length > 0 && (
              <div className="plan-waves">
                <h3>
                  Waves <span className="muted">{check.waves.length}</span>
                </h3>
                <WaveGraph
                  waves={check.waves}
                  tasks={draft.tasks.map((t) => ({ name: t.name, dependsOn: t.dependsOn ?? [] }))}
                />
              </div>
            )}
          </div>
          <PlanTable plan={draft} check={check} onChange={edit} />
        </>
      )}
      {report && <DryRun report={report} />}
      {projectRuns.length > 0 && (
        <div className="plan-runs" ref={runsRef}>
          <div className="plan-runs-header">
            <h3>Runs</h3>
            <select
              className="select small"
              aria-label="Run shown"
              value={shownRun?.runId ?? ''}
              onChange={(event) => usePlansStore.getState().showRun(event.target.value)}
            >
              {projectRuns.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.runId} ({r.state})
                </option>
              ))}
            </select>
          </div>
          {shownRun && <RunPanel run={shownRun} />}
        </div>
      )}
    </div>
  );
}

/** What a run would create and start, before anything is. */
function DryRun({ report }: { report: DryRunReportView }) {
  const ref = useRef<HTMLElement>(null);
  // Asked for from the toolbar, it lands below the table: bring it into view.
  // In braces: Chromium's scrollIntoView may return a promise, which React would take for a clean-up.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [report]);
  return (
    <section ref={ref} className="plan-dry-run" data-testid="plan-dry-run-report">
      <h3>Dry run → {report.target}</h3>
      {report.preflight.length > 0 && <p>Preflight: {report.preflight.map((argv) => argv.join(' ')).join('; ')}</p>}
      <table>
        <thead>
          <tr>
            <th>Wave</th>
            <th>Task</th>
            <th>Branch</th>
            <th>Worktree</th>
            <th>Command</th>
          </tr>
        </thead>
        <tbody>
          {report.tasks.map((task) => (
            <tr key={task.name}>
              <td>{task.wave + 1}</td>
              <td>{task.name}</td>
              <td data-testid={`plan-dry-branch-${task.name}`}>{task.branch}</td>
              <td className="path">{task.worktree}</td>
              <td className="argv" title={task.argv.join(' ')}>
                {task.argv.map((arg) => (arg.length > 60 ? `${arg.slice(0, 57)}…` : arg)).join(' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
