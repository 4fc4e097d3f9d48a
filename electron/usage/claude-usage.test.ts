import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-repo';
import { type ClaudeTurn, appendLines, claudeAssistant, claudeUser } from '../test-support/usage-logs';
import { UsageService } from './usage-service';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let config: string;
let service: UsageService;
const alpha = '/work/wt/app-alpha';
const beta = '/work/wt/app-alpha-b';

beforeEach(async () => {
  temp = await makeTempDir();
  config = path.join(temp.dir, 'claude-config');
  service = new UsageService({
    dataDir: path.join(temp.dir, 'data'),
    env: { CLAUDE_CONFIG_DIR: config },
    now: () => new Date('2026-12-04T12:00:00.000Z'),
  });
});
afterEach(async () => {
  service.close();
  await temp.cleanup();
});

function sessionFile(folderCwd: string, sessionId: string): string {
  return path.join(config, 'projects', folderCwd.replace(/[^a-zA-Z0-9]/g, '-'), `${sessionId}.jsonl`);
}

function turn(cwd: string, n: number, overrides: Partial<ClaudeTurn> = {}): ClaudeTurn {
  return {
    cwd,
    sessionId: 's1',
    messageId: `msg_0${n}`,
    requestId: `req_0${n}`,
    uuid: `u${n}`,
    at: `2026-12-04T10:0${n}:00.000Z`,
    input: 3,
    output: 100 * n,
    cacheRead: 1000 * n,
    cacheWrite: 10 * n,
    ...overrides,
  };
}

const track = (threadId: string, cwd: string) =>
  service.track({ threadId, projectId: 'p1', planRunId: null, cwd, profileId: 'claude' });

describe('Claude Code usage', () => {
  it('counts a message streamed over several lines once, with the usage of its last line', async () => {
    const t1 = turn(alpha, 1);
    await appendLines(sessionFile(alpha, 's1'), [
      claudeUser(alpha, 's1', 'q1', '2026-12-04T10:00:00.000Z'),
      // Streamed: thinking, text and tool_use blocks of one message, output growing to its final count.
      claudeAssistant({ ...t1, uuid: 'u1a', block: 'thinking', output: 1 }),
      claudeAssistant({ ...t1, uuid: 'u1b', block: 'text', output: 1 }),
      claudeAssistant({ ...t1, uuid: 'u1c', block: 'tool_use', output: 412 }),
      claudeAssistant(turn(alpha, 2)),
    ]);
    await track('t-alpha', alpha);
    expect(service.usage('t-alpha')).toEqual({
      inputTokens: 6,
      outputTokens: 412 + 200,
      cacheReadTokens: 3000,
      cacheWriteTokens: 30,
      costUsd: (6 * 3 + 612 * 15 + 3000 * 0.3 + 30 * 3.75) / 1e6,
      model: 'claude-sonnet-4-5-20250929',
      updatedAt: '2026-12-04T12:00:00.000Z',
    });
  });

  it('counts a session resumed in the same file, and lines copied from the earlier run, once', async () => {
    const file = sessionFile(alpha, 's1');
    await appendLines(file, [claudeAssistant(turn(alpha, 1)), claudeAssistant(turn(alpha, 2))]);
    await track('t-alpha', alpha);
    expect(service.usage('t-alpha')?.outputTokens).toBe(300);
    // `claude --resume`: the earlier messages again, then the new ones, in the same file.
    await appendLines(file, [
      claudeAssistant(turn(alpha, 1)),
      claudeAssistant(turn(alpha, 2)),
      claudeAssistant(turn(alpha, 3, { model: 'claude-opus-4-5-20251101' })),
    ]);
    // …and a resume that wrote its copy into a new session file.
    await appendLines(sessionFile(alpha, 's2'), [claudeAssistant(turn(alpha, 1, { sessionId: 's2' }))]);
    await service.refresh();
    expect(service.usage('t-alpha')).toMatchObject({
      outputTokens: 600,
      cacheReadTokens: 6000,
      model: 'claude-opus-4-5-20251101',
    });
  });

  it('tells two threads side by side apart by the cwd in the lines, not by the folder name', async () => {
    // /work/wt/app-alpha/b (inside alpha) and /work/wt/app-alpha-b (beta) share the folder name.
    const insideAlpha = `${alpha}/b`;
    await appendLines(sessionFile(alpha, 'a1'), [claudeAssistant(turn(alpha, 1, { messageId: 'msg_a1' }))]);
    await appendLines(sessionFile(beta, 'b1'), [claudeAssistant(turn(beta, 2, { messageId: 'msg_b1' }))]);
    await appendLines(sessionFile(insideAlpha, 'a2'), [claudeAssistant(turn(insideAlpha, 4, { messageId: 'msg_a2' }))]);
    await track('t-alpha', alpha);
    await track('t-beta', beta);
    expect(service.usage('t-alpha')?.outputTokens).toBe(100 + 400);
    expect(service.usage('t-beta')?.outputTokens).toBe(200);
  });

  it('leaves out Claude Code notices (the <synthetic> model) and other lines', async () => {
    await appendLines(sessionFile(alpha, 's1'), [
      { type: 'summary', summary: 'Adding a flag', leafUuid: 'u1' },
      claudeAssistant(turn(alpha, 1)),
      claudeAssistant(turn(alpha, 2, { model: '<synthetic>', input: 0, output: 0, cacheRead: 0, cacheWrite: 0 })),
    ]);
    await track('t-alpha', alpha);
    expect(service.usage('t-alpha')).toMatchObject({ outputTokens: 100, model: 'claude-sonnet-4-5-20250929' });
  });

  it('finds the sessions of a worktree reached through a symlink (agents record the real folder)', async () => {
    const real = path.join(temp.dir, 'real-wt');
    const link = path.join(temp.dir, 'link-wt');
    await mkdir(real);
    await symlink(real, link);
    await appendLines(sessionFile(real, 's1'), [claudeAssistant(turn(real, 1))]);
    await track('t-linked', link);
    expect(service.usage('t-linked')?.outputTokens).toBe(100);
  });

  it('counts lines without a cwd (early versions) only in the thread`s own folder', async () => {
    const noCwd = (record: unknown) => {
      const { cwd: _cwd, ...rest } = record as Record<string, unknown>;
      return rest;
    };
    await appendLines(sessionFile(alpha, 's1'), [noCwd(claudeAssistant(turn(alpha, 1)))]);
    await appendLines(sessionFile(beta, 's2'), [noCwd(claudeAssistant(turn(beta, 2)))]);
    await track('t-alpha', alpha);
    expect(service.usage('t-alpha')?.outputTokens).toBe(100);
  });

  it('has no usage before the agent has written anything', async () => {
    await track('t-alpha', alpha);
    expect(service.usage('t-alpha')).toBeNull();
  });
});
