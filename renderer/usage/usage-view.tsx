import { useEffect, useState } from 'react';
import type { Budget } from '../../shared/budget';
import type { UsageSummaryView } from '../../shared/contract/usage';
import type { WireError } from '../../shared/errors';
import type { UsageSummaryRow } from '../../shared/usage';
import { totalTokens } from '../../shared/usage';
import { useProjectsStore } from '../state/projects-store';
import { useThreadsStore } from '../state/threads-store';
import { InlineError } from '../ui/inline-error';
import { Modal } from '../ui/modal';
import { BudgetEditor } from './budget-editor';
import { usageApi } from './usage-api';
import { formatTokens, formatUsd } from './usage-format';
import { useUsageViewStore } from './usage-store';
import { useBudgetNotices } from './use-budget-notices';
import '../styles/usage.css';

/** The Usage view while open; mounted once, it also tells of budgets reached. */
export function UsageView() {
  useBudgetNotices();
  const open = useUsageViewStore((state) => state.open);
  return open ? <UsageTotals /> : null;
}

interface Loaded {
  readonly all: UsageSummaryView;
  readonly today: UsageSummaryView;
  readonly week: UsageSummaryView;
  readonly budgets: Record<string, Budget>;
}

function startOfToday(): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

async function load(): Promise<{ ok: true; value: Loaded } | { ok: false; error: WireError }> {
  const today = startOfToday();
  const weekAgo = new Date(today.getTime() - 6 * 24 * 60 * 60 * 1000);
  const [all, day, week, budgets] = await Promise.all([
    usageApi.summary({}),
    usageApi.summary({ since: today.toISOString() }),
    usageApi.summary({ since: weekAgo.toISOString() }),
    usageApi.projectBudgets(),
  ]);
  if (!all.ok) return all;
  if (!day.ok) return day;
  if (!week.ok) return week;
  if (!budgets.ok) return budgets;
  return { ok: true, value: { all: all.value, today: day.value, week: week.value, budgets: budgets.value } };
}

/** "$1.20", "$1.20 + 40k tokens unpriced", or "40k tokens unpriced". */
function spendText(row: UsageSummaryRow): string {
  const unpriced = row.unpricedTokens > 0 ? `${formatTokens(row.unpricedTokens)} tokens unpriced` : '';
  if (row.costUsd === null) return unpriced || '$0.00';
  return unpriced ? `${formatUsd(row.costUsd)} + ${unpriced}` : formatUsd(row.costUsd);
}

function UsageTotals() {
  const setOpen = useUsageViewStore((state) => state.setOpen);
  const projects = useProjectsStore((state) => state.projects);
  const selectedProjectId = useProjectsStore((state) => state.selectedId);
  const threads = useThreadsStore((state) => state.byId);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      if (result.ok) setLoaded(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [reloads]);

  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? `removed project ${id}`;
  const threadName = (id: string) => threads[id]?.name ?? `removed thread ${id}`;
  const selected = projects.find((p) => p.id === selectedProjectId);

  return (
    <Modal title="Usage" testId="usage-view" onClose={() => setOpen(false)} wide>
      <div className="usage-view">
        <InlineError error={error} testId="usage-view-error" />
        {!loaded ? (
          !error && <p className="muted">Reading the cost log…</p>
        ) : (
          <>
            <div className="usage-periods">
              <Period label="Today" row={loaded.today.total} testId="usage-today" />
              <Period label="Last 7 days" row={loaded.week.total} testId="usage-week" />
              <Period label="All time" row={loaded.all.total} testId="usage-all" />
            </div>
            {totalTokens(loaded.all.total) === 0 && (
              <p className="muted" data-testid="usage-empty">
                No agent has recorded any usage yet. Spend is read from Claude Code, Codex, Gemini CLI and Qwen Code
                session records.
              </p>
            )}
            <UsageTable
              caption="Per project"
              testId="usage-projects"
              rows={loaded.all.projects.map((r) => ({ key: r.projectId, name: projectName(r.projectId), row: r }))}
            />
            <UsageTable
              caption="Per model"
              testId="usage-models"
              rows={loaded.all.models.map((r) => ({ key: r.model ?? '', name: r.model ?? 'unknown model', row: r }))}
            />
            {loaded.all.planRuns.length > 0 && (
              <UsageTable
                caption="Per plan run"
                testId="usage-plan-runs"
                rows={loaded.all.planRuns.map((r) => ({ key: r.planRunId, name: r.planRunId, row: r }))}
              />
            )}
            <UsageTable
              caption="Per thread"
              testId="usage-threads"
              rows={loaded.all.threads.map((r) => ({ key: r.threadId, name: threadName(r.threadId), row: r }))}
            />
            <UsageTable
              caption="Per day"
              testId="usage-days"
              rows={loaded.all.days.slice(0, 14).map((r) => ({ key: r.day, name: r.day, row: r }))}
            />
            {selected && (
              <BudgetEditor
                key={selected.id}
                subject={`the project ${selected.name}`}
                budget={loaded.budgets[selected.id] ?? null}
                testId="project-budget"
                onSave={async (budget) => {
                  const result = await usageApi.setProjectBudget(selected.id, budget);
                  if (result.ok) setReloads((n) => n + 1);
                  return result;
                }}
              />
            )}
          </>
        )}
      </div>
    </Modal>
  );
}

function Period({ label, row, testId }: { label: string; row: UsageSummaryRow; testId: string }) {
  return (
    <div className="usage-period" data-testid={testId}>
      <span className="muted">{label}</span>
      <strong className="mono">{spendText(row)}</strong>
      <span className="muted mono">{formatTokens(totalTokens(row))} tokens</span>
    </div>
  );
}

interface NamedRow {
  readonly key: string;
  readonly name: string;
  readonly row: UsageSummaryRow;
}

function UsageTable({ caption, testId, rows }: { caption: string; testId: string; rows: readonly NamedRow[] }) {
  if (rows.length === 0) return null;
  return (
    <table data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Cost
          </th>
          <th scope="col" className="num">
            Input
          </th>
          <th scope="col" className="num">
            Output
          </th>
          <th scope="col" className="num">
            Cache read
          </th>
          <th scope="col" className="num">
            Cache write
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, name, row }) => (
          <tr key={key} data-testid="usage-row" data-key={key}>
            <th scope="row">{name}</th>
            <td className="num mono">{spendText(row)}</td>
            <td className="num mono">{formatTokens(row.inputTokens)}</td>
            <td className="num mono">{formatTokens(row.outputTokens)}</td>
            <td className="num mono">{formatTokens(row.cacheReadTokens)}</td>
            <td className="num mono">{formatTokens(row.cacheWriteTokens)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
