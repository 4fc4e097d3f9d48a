import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-repo';
import {
  appendLines,
  codexSessionMeta,
  codexTokenCount,
  codexTurnContext,
  codexUserMessage,
} from '../test-support/usage-logs';
import { UsageService } from './usage-service';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let home: string;
let service: UsageService;
const alpha = '/work/wt/app-alpha';
const beta = '/work/wt/app-beta';

beforeEach(async () => {
  temp = await makeTempDir();
  home = path.join(temp.dir, 'codex-home');
  service = new UsageService({ dataDir: path.join(temp.dir, 'data'), env: { CODEX_HOME: home } });
});
afterEach(async () => {
  service.close();
  await temp.cleanup();
});

const rollout = (day: string, id: string) =>
  path.join(home, 'sessions', ...day.split('-'), `rollout-${day}T10-00-00-${id}.jsonl`);
const at = (minute: number) => `2026-12-04T10:${String(minute).padStart(2, '0')}:00.000Z`;
const track = (threadId: string, cwd: string) =>
  service.track({ threadId, projectId: 'p1', planRunId: null, cwd, profileId: 'codex' });

describe('Codex usage', () => {
  it('takes the last running total of token_count events, cached input apart', async () => {
    await appendLines(rollout('2026-12-04', 'a'), [
      codexSessionMeta('a', alpha, at(0)),
      codexTurnContext(alpha, 'gpt-5.1-codex', at(0)),
      codexUserMessage('Add a --verbose flag', at(0)),
      codexTokenCount(null, at(1)),
      codexTokenCount({ input: 14_475, cached: 2_432, output: 216, reasoning: 64 }, at(2)),
      // Codex writes the same total twice around a turn's end.
      codexTokenCount({ input: 14_475, cached: 2_432, output: 216, reasoning: 64 }, at(2)),
      codexTokenCount({ input: 30_000, cached: 20_000, output: 900, reasoning: 300 }, at(3)),
    ]);
    await track('t-alpha', alpha);
    expect(service.usage('t-alpha')).toMatchObject({
      inputTokens: 10_000,
      outputTokens: 900,
      cacheReadTokens: 20_000,
      cacheWriteTokens: 0,
      costUsd: (10_000 * 1.25 + 900 * 10 + 20_000 * 0.125) / 1e6,
      model: 'gpt-5.1-codex',
    });
  });

  it('adds the runs of a session resumed in the same file that counts from zero again', async () => {
    const file = rollout('2026-12-04', 'a');
    await appendLines(file, [
      codexSessionMeta('a', alpha, at(0)),
      codexTurnContext(alpha, 'gpt-5.1-codex', at(0)),
      codexTokenCount({ input: 5_000, cached: 1_000, output: 100, reasoning: 0 }, at(1)),
    ]);
    await track('t-alpha', alpha);
    // `codex resume`: appended to the same rollout, totals starting again.
    await appendLines(file, [
      codexSessionMeta('a', alpha, at(30)),
      codexTurnContext(alpha, 'gpt-5.1-codex', at(30)),
      codexTokenCount({ input: 2_000, cached: 500, output: 50, reasoning: 0 }, at(31)),
    ]);
    await service.refresh();
    expect(service.usage('t-alpha')).toMatchObject({
      inputTokens: 4_000 + 1_500,
      outputTokens: 150,
      cacheReadTokens: 1_500,
    });
  });

  it('counts what comes after a model switch against the new model', async () => {
    await appendLines(rollout('2026-12-04', 'a'), [
      codexSessionMeta('a', alpha, at(0)),
      codexTurnContext(alpha, 'gpt-5.1-codex', at(0)),
      codexTokenCount({ input: 1_000, cached: 0, output: 100, reasoning: 0 }, at(1)),
      codexTurnContext(alpha, 'gpt-5.1-codex-mini', at(2)),
      codexTokenCount({ input: 3_000, cached: 0, output: 300, reasoning: 0 }, at(3)),
    ]);
    await track('t-alpha', alpha);
    expect(service.usage('t-alpha')).toMatchObject({
      inputTokens: 3_000,
      outputTokens: 300,
      costUsd: (1_000 * 1.25 + 100 * 10 + 2_000 * 0.25 + 200 * 2) / 1e6,
      model: 'gpt-5.1-codex-mini',
    });
  });

  it('tells two sessions of the same day apart by the cwd of their session_meta', async () => {
    await appendLines(rollout('2026-12-04', 'a'), [
      codexSessionMeta('a', alpha, at(0)),
      codexTurnContext(alpha, 'gpt-5-codex', at(0)),
      codexTokenCount({ input: 1_000, cached: 0, output: 10, reasoning: 0 }, at(1)),
    ]);
    await appendLines(rollout('2026-12-04', 'b'), [
      codexSessionMeta('b', beta, at(0)),
      codexTurnContext(beta, 'gpt-5-codex', at(0)),
      codexTokenCount({ input: 2_000, cached: 0, output: 20, reasoning: 0 }, at(1)),
    ]);
    await track('t-alpha', alpha);
    await track('t-beta', beta);
    expect(service.usage('t-alpha')?.outputTokens).toBe(10);
    expect(service.usage('t-beta')?.outputTokens).toBe(20);
  });

  it('looks only in day folders from the thread`s start on', async () => {
    await appendLines(rollout('2026-11-01', 'old'), [
      codexSessionMeta('old', alpha, '2026-11-01T10:00:00.000Z'),
      codexTokenCount({ input: 9_000, cached: 0, output: 900, reasoning: 0 }, '2026-11-01T10:01:00.000Z'),
    ]);
    await appendLines(rollout('2026-12-04', 'a'), [
      codexSessionMeta('a', alpha, at(0)),
      codexTokenCount({ input: 1_000, cached: 0, output: 10, reasoning: 0 }, at(1)),
    ]);
    await service.track({
      threadId: 't-alpha',
      projectId: 'p1',
      planRunId: null,
      cwd: alpha,
      profileId: 'codex',
      since: new Date('2026-12-04T09:00:00.000Z'),
    });
    expect(service.usage('t-alpha')).toMatchObject({ outputTokens: 10, model: null, costUsd: null });
  });
});
