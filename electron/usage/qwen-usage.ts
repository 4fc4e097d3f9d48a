import os from 'node:os';
import path from 'node:path';
import {
  type UsageSample,
  type UsageSource,
  asObject,
  asString,
  count,
  dashedFolderName,
  isWithin,
  listFiles,
} from './usage-source';

/**
 * Qwen Code (packages/core/src/services/chatRecordingService.ts, a Gemini CLI fork that
 * records differently): `<QWEN_RUNTIME_DIR or QWEN_HOME or ~/.qwen>/projects/<cwd,
 * non-alphanumerics as '-'>/chats/<sessionId>.jsonl`, append-only, one record per line with its
 * own `uuid`, the `cwd` and a `type`. An `assistant` record carries `model` and `usageMetadata`:
 * the API's own shape (`promptTokenCount`, `candidatesTokenCount`, `cachedContentTokenCount`,
 * `thoughtsTokenCount`, `toolUsePromptTokenCount`) in current versions, `{input, output, cached,
 * thoughts, tool}` in early ones. The prompt count includes its cached part.
 */
export const qwenUsage: UsageSource = {
  id: 'qwen',
  root(env) {
    const home = env.QWEN_HOME || path.join(os.homedir(), '.qwen');
    return path.join(env.QWEN_RUNTIME_DIR || home, 'projects');
  },
  async sessionFiles(root, cwd) {
    return listFiles(path.join(root, dashedFolderName(path.resolve(cwd)), 'chats'), (name) => name.endsWith('.jsonl'));
  },
  parser(_file, cwd) {
    return { take: (records) => records.flatMap((record) => qwenSample(record, cwd) ?? []) };
  },
};

function qwenSample(record: unknown, cwd: string): UsageSample | null {
  const line = asObject(record);
  const usage = asObject(line?.usageMetadata);
  const uuid = asString(line?.uuid);
  if (!line || line.type !== 'assistant' || !usage || !uuid || !isWithin(line.cwd, cwd)) return null;
  const prompt = count(usage.promptTokenCount ?? usage.input);
  const cached = count(usage.cachedContentTokenCount ?? usage.cached);
  return {
    key: `qwen:${uuid}`,
    model: asString(line.model),
    tokens: {
      inputTokens: Math.max(0, prompt - cached) + count(usage.toolUsePromptTokenCount ?? usage.tool),
      outputTokens:
        count(usage.candidatesTokenCount ?? usage.output) + count(usage.thoughtsTokenCount ?? usage.thoughts),
      cacheReadTokens: cached,
      cacheWriteTokens: 0,
    },
    at: asString(line.timestamp),
  };
}
