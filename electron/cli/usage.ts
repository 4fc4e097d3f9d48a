import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { printableName } from '../../shared/display-name';
import type { UsageSummaryRow } from '../../shared/usage';
import { defaultDataDir } from '../app/app-paths';
import { UsageLog } from '../usage/usage-log';
import { summariseUsage } from '../usage/usage-summary';
import { UsageError, withUsageErrors } from './args';

export const usageHelp = `Usage: switchyard usage [--repo PATH] [--since DATE] [--json] [--data-dir PATH]

What the agents have spent, summed from the cost log (usage.jsonl in the data folder): per
thread, per project and per model, with the total. Tokens are read from each agent's own session
records (Claude Code, Codex, Gemini CLI, Qwen Code); costs use the price table of the day they
were booked, and tokens of a model without a price are counted as "unpriced".

  --repo PATH      only this project's threads (a repository opened in Switchyard)
  --since DATE     only what was spent from this day or moment on (e.g. 2026-12-01)
  --json           print one object: {"since", "repo", "total", "threads", "projects", "models"};
                   every row has inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                   costUsd (null when nothing in it had a price) and unpricedTokens
  --data-dir PATH  the data folder (default: ${defaultDataDir()})`;

/** The little of state.json the summary names things with; read, never written. */
const NamesSchema = z.object({
  // Printed to a terminal: a name recorded before names had to be printable must not act on it.
  projects: z
    .array(z.object({ id: z.string(), name: z.string().transform(printableName), path: z.string() }))
    .default([]),
  threads: z.array(z.object({ id: z.string(), name: z.string().transform(printableName) })).default([]),
});
type Names = z.infer<typeof NamesSchema>;

export async function runUsage(argv: string[]): Promise<number> {
  const { values } = withUsageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        repo: { type: 'string' },
        since: { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
    }),
  );
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const since = values.since === undefined ? null : parseSince(values.since);
  const names = await readNames(dataDir);
  const repo = values.repo === undefined ? null : await findProject(names, values.repo, dataDir);
  const summary = summariseUsage(await new UsageLog(dataDir).read(), {
    since,
    projectIds: repo ? new Set([repo.id]) : null,
  });
  const threadName = new Map(names.threads.map((t) => [t.id, t.name]));
  const projectName = new Map(names.projects.map((p) => [p.id, p.name]));
  const out = {
    since: since?.toISOString() ?? null,
    repo: repo?.path ?? null,
    total: summary.total,
    threads: summary.threads.map(({ threadId, projectId, ...row }) => ({
      threadId,
      name: threadName.get(threadId) ?? null,
      projectId,
      ...row,
    })),
    projects: summary.projects.map(({ projectId, ...row }) => ({
      projectId,
      name: projectName.get(projectId) ?? null,
      ...row,
    })),
    models: summary.models,
  };
  if (values.json) {
    console.log(JSON.stringify(out));
    return 0;
  }
  if (out.threads.length === 0) {
    console.log(`No usage booked${repo ? ` for ${repo.path}` : ''}${since ? ` since ${values.since}` : ''}.`);
    return 0;
  }
  printTable(
    'Thread',
    out.threads.map((t) => ({ label: t.name ?? t.threadId, row: t })),
  );
  printTable(
    'Project',
    out.projects.map((p) => ({ label: p.name ?? p.projectId, row: p })),
  );
  printTable(
    'Model',
    out.models.map((m) => ({ label: m.model ?? '(unnamed)', row: m })),
  );
  console.log(`Total: ${formatCost(out.total)} for ${formatTokens(out.total)}.`);
  return 0;
}

function parseSince(text: string): Date {
  const at = Date.parse(text);
  if (Number.isNaN(at))
    throw new UsageError(`--since takes a date like 2026-12-01 (or a full ISO time), not "${text}"`);
  return new Date(at);
}

async function readNames(dataDir: string): Promise<Names> {
  try {
    const parsed = NamesSchema.safeParse(JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // No state yet (or unreadable): threads are shown by id.
  }
  return { projects: [], threads: [] };
}

async function findProject(names: Names, repo: string, dataDir: string): Promise<Names['projects'][number]> {
  const wanted = new Set([path.resolve(repo), await realpath(path.resolve(repo)).catch(() => path.resolve(repo))]);
  for (const project of names.projects) {
    const real = await realpath(project.path).catch(() => project.path);
    if (wanted.has(project.path) || wanted.has(real)) return project;
  }
  throw new UsageError(
    `no project in the data folder ${dataDir} is the repository ${path.resolve(repo)}; open it in Switchyard first, or name another --data-dir`,
  );
}

const columns = ['input', 'output', 'cache read', 'cache write', 'cost'] as const;

function printTable(title: string, rows: Array<{ label: string; row: UsageSummaryRow }>): void {
  const cells = rows.map(({ label, row }) => [
    label,
    row.inputTokens.toLocaleString('en-US'),
    row.outputTokens.toLocaleString('en-US'),
    row.cacheReadTokens.toLocaleString('en-US'),
    row.cacheWriteTokens.toLocaleString('en-US'),
    formatCost(row),
  ]);
  const header = [title, ...columns];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: readonly string[]) =>
    c.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  for (const c of cells) console.log(line(c));
  console.log('');
}

function formatCost(row: UsageSummaryRow): string {
  const cost = row.costUsd === null ? 'no price' : `$${row.costUsd.toFixed(2)}`;
  return row.unpricedTokens > 0 && row.costUsd !== null ? `${cost} + unpriced` : cost;
}

function formatTokens(row: UsageSummaryRow): string {
  const sum = row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens;
  return `${sum.toLocaleString('en-US')} tokens`;
}
