import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadUsage } from '../../shared/usage';
import { makeTempDir, waitFor } from '../test-support/temp-repo';
import { type ClaudeTurn, appendLines, numberedClaudeTurn } from '../test-support/usage-logs';
import { UsageService, type UsageServiceOptions } from './usage-service';
import { UsageLog } from './usage-log';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let config: string;
let dataDir: string;
const services: UsageService[] = [];
const alpha = '/work/wt/app-alpha';
const file = () => path.join(config, 'projects', alpha.replace(/[^a-zA-Z0-9]/g, '-'), 's1.jsonl');

beforeEach(async () => {
  temp = await makeTempDir();
  config = path.join(temp.dir, 'claude-config');
  dataDir = path.join(temp.dir, 'data');
});
afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  await temp.cleanup();
});

function start(options: Partial<UsageServiceOptions> = {}): UsageService {
  const service = new UsageService({
    dataDir,
    env: { CLAUDE_CONFIG_DIR: config },
    debounceMs: 20,
    now: () => new Date('2026-12-04T12:00:00.000Z'),
    ...options,
  });
  services.push(service);
  return service;
}

function turn(n: number, overrides: Partial<ClaudeTurn> = {}): unknown {
  return numberedClaudeTurn(n, { cwd: alpha, input: 10, output: 100, cacheRead: 1_000, cacheWrite: 0, ...overrides });
}

const thread = { threadId: 't1', projectId: 'p1', planRunId: 'run-7', cwd: alpha, profileId: 'claude' };

describe('UsageService', () => {
  it('books each change in usage.jsonl as the delta since the last, one line per model', async () => {
    await appendLines(file(), [turn(1)]);
    const service = start();
    await service.track(thread);
    await appendLines(file(), [turn(2), turn(3, { model: 'qwen3-coder-plus' })]);
    await service.refresh();
    const sonnetTurn = {
      at: '2026-12-04T12:00:00.000Z',
      threadId: 't1',
      projectId: 'p1',
      planRunId: 'run-7',
      model: 'claude-sonnet-4-5-20250929',
      deltas: {
        inputTokens: 10,
        outputTokens: 100,
        cacheReadTokens: 1_000,
        cacheWriteTokens: 0,
        costUsd: (10 * 3 + 100 * 15 + 1_000 * 0.3) / 1e6,
      },
    };
    expect(
      (await readFile(path.join(dataDir, 'usage.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      sonnetTurn,
      sonnetTurn,
      {
        at: '2026-12-04T12:00:00.000Z',
        threadId: 't1',
        projectId: 'p1',
        planRunId: 'run-7',
        model: 'qwen3-coder-plus',
        deltas: { inputTokens: 10, outputTokens: 100, cacheReadTokens: 1_000, cacheWriteTokens: 0, costUsd: null },
      },
    ]);
    // Any unpriced model leaves the thread's cost unknown rather than understated.
    expect(service.usage('t1')).toMatchObject({ outputTokens: 300, costUsd: null, model: 'qwen3-coder-plus' });
  });

  it('reads only what was appended: a change books the new message alone', async () => {
    await appendLines(file(), [turn(1)]);
    const service = start();
    await service.track(thread);
    const log = new UsageLog(dataDir);
    expect(await log.read()).toHaveLength(1);
    await service.refresh();
    expect(await log.read()).toHaveLength(1);
    // A line written in two pieces is counted once it is whole.
    const text = `${JSON.stringify(turn(2, { output: 7 }))}\n`;
    await appendFile(file(), text.slice(0, 40));
    await service.refresh();
    expect(await log.read()).toHaveLength(1);
    expect(service.usage('t1')?.outputTokens).toBe(100);
    await appendFile(file(), text.slice(40));
    await service.refresh();
    expect(await log.read()).toHaveLength(2);
    expect((await log.read())[1]?.deltas).toMatchObject({ inputTokens: 10, outputTokens: 7, cacheReadTokens: 1_000 });
  });

  it('books nothing twice after a restart: the log already holds what the records show', async () => {
    await appendLines(file(), [turn(1), turn(2)]);
    await start().track(thread);
    const log = new UsageLog(dataDir);
    expect(await log.read()).toHaveLength(1);
    const again = start();
    await again.track(thread);
    expect(again.usage('t1')?.outputTokens).toBe(200);
    expect(await log.read()).toHaveLength(1);
    await appendLines(file(), [turn(3, { output: 5 })]);
    await again.refresh();
    const entries = await log.read();
    expect(entries).toHaveLength(2);
    expect(entries[1]?.deltas).toMatchObject({ inputTokens: 10, outputTokens: 5 });
  });

  it('books what a failed write left out with the next change, and still tells the listeners', async () => {
    await appendLines(file(), [turn(1)]);
    const service = start();
    const seen: ThreadUsage[] = [];
    service.onChange((_id, usage) => seen.push(usage));
    await service.track(thread);
    const logFile = path.join(dataDir, 'usage.jsonl');
    // The log cannot be written for a while (here: a folder stands where the file goes).
    await rm(logFile);
    await mkdir(logFile);
    await appendLines(file(), [turn(2, { output: 5 })]);
    await service.refresh();
    expect(seen.map((u) => u.outputTokens)).toEqual([100, 105]);
    await rm(logFile, { recursive: true });
    await appendLines(file(), [turn(3, { output: 7 })]);
    await service.refresh();
    const entries = await new UsageLog(dataDir).read();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.deltas).toMatchObject({ inputTokens: 20, outputTokens: 12, cacheReadTokens: 2_000 });
  });

  it('notices an append by itself through the folder watcher and tells its listeners', async () => {
    await appendLines(file(), [turn(1)]);
    const service = start();
    const seen: Array<[string, ThreadUsage]> = [];
    service.onChange((threadId, usage) => seen.push([threadId, usage]));
    await service.track(thread);
    expect(seen).toHaveLength(1);
    await appendLines(file(), [turn(2, { output: 50 })]);
    await waitFor(() => seen.length === 2, 'the watcher to pick up the append');
    expect(seen[1]).toEqual(['t1', expect.objectContaining({ outputTokens: 150 })]);
  });

  it('falls back to a slow rescan while the agent folder does not exist, then watches it', async () => {
    const service = start({ fallbackRescanMs: 100 });
    await service.track(thread);
    expect(service.usage('t1')).toBeNull();
    await appendLines(file(), [turn(1)]);
    await waitFor(() => service.usage('t1'), 'the rescan to find the new folder');
    await appendLines(file(), [turn(2)]);
    await waitFor(() => service.usage('t1')?.outputTokens === 200, 'the next append');
  });

  it('stops following a thread that is untracked', async () => {
    await appendLines(file(), [turn(1)]);
    const service = start();
    await service.track(thread);
    service.untrack('t1');
    expect(service.usage('t1')).toBeNull();
  });
});
