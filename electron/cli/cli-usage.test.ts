import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UsageLogEntry } from '../../shared/usage';
import { bundledCli, runBuiltCli } from '../test-support/built-cli';
import { makeTempDir } from '../test-support/temp-repo';
import { UsageLog } from '../usage/usage-log';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
// The CLI as users run it: bundled as the build does, started as a process of its own.
const cli = bundledCli('cli-usage-test');
let dataDir: string;
let repo: string;

beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

const switchyard = (...args: string[]) => runBuiltCli(cli, args, { cwd: temp.dir });

function entry(
  at: string,
  threadId: string,
  projectId: string,
  model: string | null,
  output: number,
  costUsd: number | null,
): UsageLogEntry {
  return {
    at,
    threadId,
    projectId,
    planRunId: null,
    model,
    deltas: { inputTokens: 10, outputTokens: output, cacheReadTokens: 100, cacheWriteTokens: 1, costUsd },
  };
}

let n = 0;
beforeEach(async () => {
  n += 1;
  dataDir = path.join(temp.dir, `data-${n}`);
  repo = path.join(temp.dir, `repo-${n}`);
  await mkdir(repo, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  const project = (id: string, name: string, where: string) => ({ id, name, path: where, worktreeRoot: `${where}-wt` });
  await writeFile(
    path.join(dataDir, 'state.json'),
    JSON.stringify({
      version: 1,
      projects: [project('p1', 'shop', repo), project('p2', 'blog', path.join(temp.dir, 'elsewhere'))],
      threads: [
        { id: 't1', name: 'add-flag', projectId: 'p1' },
        { id: 't2', name: 'fix-login', projectId: 'p1' },
        { id: 't3', name: 'new-post', projectId: 'p2' },
      ],
    }),
  );
  await new UsageLog(dataDir).append([
    entry('2026-11-30T09:00:00.000Z', 't1', 'p1', 'claude-sonnet-4-5-20250929', 100, 0.5),
    entry('2026-12-02T09:00:00.000Z', 't1', 'p1', 'claude-sonnet-4-5-20250929', 200, 0.25),
    entry('2026-12-02T10:00:00.000Z', 't2', 'p1', 'qwen3-coder-plus', 50, null),
    entry('2026-12-03T10:00:00.000Z', 't3', 'p2', 'gpt-5.1-codex', 300, 1),
  ]);
});

const row = (
  input: number,
  output: number,
  cacheRead: number,
  cacheWrite: number,
  costUsd: number | null,
  unpriced: number,
) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: cacheRead,
  cacheWriteTokens: cacheWrite,
  costUsd,
  unpricedTokens: unpriced,
});

describe('switchyard usage', () => {
  it('prints the summary per thread, project and model as one JSON object', async () => {
    const result = await switchyard('usage', '--data-dir', dataDir, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      since: null,
      repo: null,
      total: row(40, 650, 400, 4, 1.75, 161),
      threads: [
        { threadId: 't3', name: 'new-post', projectId: 'p2', ...row(10, 300, 100, 1, 1, 0) },
        { threadId: 't1', name: 'add-flag', projectId: 'p1', ...row(20, 300, 200, 2, 0.75, 0) },
        { threadId: 't2', name: 'fix-login', projectId: 'p1', ...row(10, 50, 100, 1, null, 161) },
      ],
      projects: [
        { projectId: 'p2', name: 'blog', ...row(10, 300, 100, 1, 1, 0) },
        { projectId: 'p1', name: 'shop', ...row(30, 350, 300, 3, 0.75, 161) },
      ],
      models: [
        { model: 'gpt-5.1-codex', ...row(10, 300, 100, 1, 1, 0) },
        { model: 'claude-sonnet-4-5-20250929', ...row(20, 300, 200, 2, 0.75, 0) },
        { model: 'qwen3-coder-plus', ...row(10, 50, 100, 1, null, 161) },
      ],
    });
  });

  it('keeps one project with --repo and the days from --since on', async () => {
    const result = await switchyard('usage', '--data-dir', dataDir, '--repo', repo, '--since', '2026-12-01', '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(out.since).toBe('2026-12-01T00:00:00.000Z');
    expect(out.repo).toBe(repo);
    expect(out.total).toEqual(row(20, 250, 200, 2, 0.25, 161));
    expect(out.projects).toEqual([{ projectId: 'p1', name: 'shop', ...row(20, 250, 200, 2, 0.25, 161) }]);
  });

  it('prints a table for people, and says what is wrong with a bad option', async () => {
    const table = await switchyard('usage', '--data-dir', dataDir);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Thread\s+input\s+output\s+cache read\s+cache write\s+cost$/m);
    expect(table.stdout).toMatch(/^add-flag\s+20\s+300\s+200\s+2\s+\$0\.75$/m);
    expect(table.stdout).toMatch(/^fix-login\s+10\s+50\s+100\s+1\s+no price$/m);
    expect(table.stdout).toMatch(/^shop\s+30\s+350\s+300\s+3\s+\$0\.75 \+ unpriced$/m);
    expect(table.stdout).toContain('Total: $1.75 + unpriced for 1,094 tokens.');

    const since = await switchyard('usage', '--data-dir', dataDir, '--since', 'last tuesday');
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since takes a date like 2026-12-01');
    const unknown = await switchyard('usage', '--data-dir', dataDir, '--repo', path.join(temp.dir, 'nowhere'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('open it in Switchyard first');
  });

  it('says so when nothing is booked yet', async () => {
    const empty = path.join(temp.dir, 'empty-data');
    const result = await switchyard('usage', '--data-dir', empty);
    expect(result).toMatchObject({ code: 0, stdout: 'No usage booked.\n' });
    expect(JSON.parse((await switchyard('usage', '--data-dir', empty, '--json')).stdout)).toEqual({
      since: null,
      repo: null,
      total: row(0, 0, 0, 0, null, 0),
      threads: [],
      projects: [],
      models: [],
    });
  });
});
