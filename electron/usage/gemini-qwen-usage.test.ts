import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-repo';
import {
  appendLines,
  geminiMessage,
  geminiMetadata,
  geminiSet,
  geminiUser,
  qwenAssistant,
  qwenUser,
} from '../test-support/usage-logs';
import { projectHash } from './gemini-usage';
import { UsageService } from './usage-service';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let service: UsageService;
const alpha = '/work/wt/app-alpha';
const beta = '/work/wt/app-beta';
const at = (minute: number) => `2026-12-04T10:${String(minute).padStart(2, '0')}:00.000Z`;

beforeEach(async () => {
  temp = await makeTempDir();
  service = new UsageService({
    dataDir: path.join(temp.dir, 'data'),
    env: { GEMINI_CLI_HOME: path.join(temp.dir, 'gemini-home'), QWEN_HOME: path.join(temp.dir, 'qwen-home') },
  });
});
afterEach(async () => {
  service.close();
  await temp.cleanup();
});

const track = (threadId: string, cwd: string, profileId: string) =>
  service.track({ threadId, projectId: 'p1', planRunId: null, cwd, profileId });

describe('Gemini CLI usage', () => {
  const chats = (project: string) => path.join(temp.dir, 'gemini-home', '.gemini', 'tmp', project, 'chats');

  it('counts a message rewritten with its tokens once, and only this folder`s project', async () => {
    const tokens = { input: 12_000, output: 300, cached: 8_000, thoughts: 120, tool: 0 };
    await appendLines(path.join(chats('app-alpha'), 'session-2026-12-04T10-00-aaaa1111.jsonl'), [
      geminiMetadata('aaaa1111-s', projectHash(alpha), at(0)),
      geminiUser('m1', at(0)),
      geminiSet(at(0)),
      geminiMessage('m2', at(1), 'gemini-2.5-pro', null),
      // The same message again once its usage arrived (and again with its tool calls).
      geminiMessage('m2', at(1), 'gemini-2.5-pro', tokens),
      geminiMessage('m2', at(1), 'gemini-2.5-pro', tokens),
      geminiSet(at(1)),
      { $rewindTo: 'm2' },
    ]);
    await appendLines(path.join(chats('app-beta'), 'session-2026-12-04T10-00-bbbb2222.jsonl'), [
      geminiMetadata('bbbb2222-s', projectHash(beta), at(0)),
      geminiMessage('m9', at(1), 'gemini-2.5-pro', { ...tokens, output: 5 }),
    ]);
    await track('t-alpha', alpha, 'gemini');
    expect(service.usage('t-alpha')).toMatchObject({
      inputTokens: 4_000,
      outputTokens: 420,
      cacheReadTokens: 8_000,
      cacheWriteTokens: 0,
      costUsd: (4_000 * 1.25 + 420 * 10 + 8_000 * 0.125) / 1e6,
      model: 'gemini-2.5-pro',
    });
  });

  it('reads the older one-JSON-file sessions whole, each time they are rewritten', async () => {
    const file = path.join(chats('0123abcd'), 'session-2026-03-01T10-00-cccc3333.json');
    const record = (outputs: number[]) => ({
      ...(geminiMetadata('cccc3333-s', projectHash(alpha), at(0)) as object),
      messages: outputs.map((output, i) =>
        geminiMessage(`g${i}`, at(i), 'gemini-2.5-flash', { input: 1_000, output, cached: 0, thoughts: 0, tool: 0 }),
      ),
    });
    await appendLines(file, [record([10])]);
    await track('t-alpha', alpha, 'gemini');
    expect(service.usage('t-alpha')?.outputTokens).toBe(10);
    await writeFile(file, JSON.stringify(record([10, 20]), null, 2));
    await service.refresh();
    expect(service.usage('t-alpha')).toMatchObject({ inputTokens: 2_000, outputTokens: 30 });
  });
});

describe('Qwen Code usage', () => {
  const chat = (cwd: string, session: string) =>
    path.join(temp.dir, 'qwen-home', 'projects', cwd.replace(/[^a-zA-Z0-9]/g, '-'), 'chats', `${session}.jsonl`);

  it('counts each assistant record by its uuid, in both usage shapes, for records of this cwd', async () => {
    await appendLines(chat(alpha, 's1'), [
      qwenUser('q1', 's1', alpha, at(0)),
      qwenAssistant({
        uuid: 'a1',
        parentUuid: 'q1',
        sessionId: 's1',
        cwd: alpha,
        at: at(1),
        model: 'qwen3-coder-plus',
        usage: {
          promptTokenCount: 9_000,
          candidatesTokenCount: 400,
          cachedContentTokenCount: 6_000,
          thoughtsTokenCount: 0,
          totalTokenCount: 9_400,
        },
      }),
      // Early versions: {input, output, cached, thoughts, tool, total}.
      qwenAssistant({
        uuid: 'a2',
        parentUuid: 'a1',
        sessionId: 's1',
        cwd: alpha,
        at: at(2),
        model: 'qwen3-coder-plus',
        usage: { input: 1_000, output: 50, cached: 0, thoughts: 10, tool: 0, total: 1_060 },
      }),
      {
        uuid: 'x1',
        parentUuid: 'a2',
        sessionId: 's1',
        timestamp: at(3),
        type: 'system',
        subtype: 'ui_telemetry',
        cwd: alpha,
      },
    ]);
    await track('t-alpha', alpha, 'qwen');
    expect(service.usage('t-alpha')).toMatchObject({
      inputTokens: 3_000 + 1_000,
      outputTokens: 460,
      cacheReadTokens: 6_000,
      model: 'qwen3-coder-plus',
      // Not in the price table: no cost rather than a wrong one.
      costUsd: null,
    });
  });

  it('has no usage for a profile whose agent keeps no readable records', async () => {
    await track('t-alpha', alpha, 'aider');
    expect(service.usage('t-alpha')).toBeNull();
    expect(UsageService.readsProfile('opencode')).toBe(false);
    expect(UsageService.readsProfile('qwen')).toBe(true);
  });
});
