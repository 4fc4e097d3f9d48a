import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Session records written the way each agent CLI writes them (field for field, from their
 * sources: see docs/decisions/0009-usage-from-agent-logs.md), for the usage readers' tests.
 */

export async function appendLines(file: string, records: readonly unknown[], { newline = true } = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const text = records.map((r) => JSON.stringify(r)).join('\n');
  await appendFile(file, newline ? `${text}\n` : text);
}

// Claude Code: <config>/projects/<dashed cwd>/<session>.jsonl

export function claudeUser(cwd: string, sessionId: string, uuid: string, at: string): unknown {
  return {
    parentUuid: null,
    isSidechain: false,
    userType: 'external',
    cwd,
    sessionId,
    version: '2.0.31',
    gitBranch: 'switchyard/thread',
    type: 'user',
    message: { role: 'user', content: 'Add a --verbose flag' },
    uuid,
    timestamp: at,
  };
}

export interface ClaudeTurn {
  readonly cwd: string;
  readonly sessionId: string;
  readonly messageId: string;
  readonly requestId: string;
  readonly uuid: string;
  readonly at: string;
  readonly model?: string;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  /** The content block this line carries (a streamed message writes one line per block). */
  readonly block?: 'thinking' | 'text' | 'tool_use';
}

/**
 * Turn `n` of session `s1`: its message, request and line ids and its minute (10:0n) follow from `n`;
 * the folder and token counts are the test's.
 */
export function numberedClaudeTurn(
  n: number,
  turn: Omit<ClaudeTurn, 'sessionId' | 'messageId' | 'requestId' | 'uuid' | 'at'>,
): unknown {
  return claudeAssistant({
    sessionId: 's1',
    messageId: `msg_${n}`,
    requestId: `req_${n}`,
    uuid: `u${n}`,
    at: `2026-12-04T10:0${n}:00.000Z`,
    ...turn,
  });
}

export function claudeAssistant(turn: ClaudeTurn): unknown {
  const block =
    turn.block === 'thinking'
      ? { type: 'thinking', thinking: 'Looking at the flags.', signature: 'sig' }
      : turn.block === 'tool_use'
        ? { type: 'tool_use', id: `toolu_${turn.uuid}`, name: 'Read', input: { file_path: 'src/cli.ts' } }
        : { type: 'text', text: 'Done.' };
  return {
    parentUuid: null,
    isSidechain: false,
    userType: 'external',
    cwd: turn.cwd,
    sessionId: turn.sessionId,
    version: '2.0.31',
    gitBranch: 'switchyard/thread',
    message: {
      id: turn.messageId,
      type: 'message',
      role: 'assistant',
      model: turn.model ?? 'claude-sonnet-4-5-20250929',
      content: [block],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: turn.input,
        cache_creation_input_tokens: turn.cacheWrite,
        cache_read_input_tokens: turn.cacheRead,
        cache_creation: { ephemeral_5m_input_tokens: turn.cacheWrite, ephemeral_1h_input_tokens: 0 },
        output_tokens: turn.output,
        service_tier: 'standard',
      },
    },
    requestId: turn.requestId,
    type: 'assistant',
    uuid: turn.uuid,
    timestamp: turn.at,
  };
}

// Codex: <CODEX_HOME>/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl

export function codexSessionMeta(id: string, cwd: string, at: string): unknown {
  return {
    timestamp: at,
    type: 'session_meta',
    payload: {
      id,
      timestamp: at,
      cwd,
      originator: 'codex_cli_rs',
      cli_version: '0.63.0',
      instructions: null,
      source: 'cli',
      model_provider: 'openai',
      git: { commit_hash: 'abc123', branch: 'switchyard/thread', repository_url: null },
    },
  };
}

export function codexTurnContext(cwd: string, model: string, at: string): unknown {
  return {
    timestamp: at,
    type: 'turn_context',
    payload: {
      cwd,
      approval_policy: 'on-request',
      sandbox_policy: { mode: 'workspace-write', network_access: false },
      model,
      effort: 'medium',
      summary: 'auto',
    },
  };
}

export function codexUserMessage(text: string, at: string): unknown {
  return { timestamp: at, type: 'event_msg', payload: { type: 'user_message', message: text, images: [] } };
}

export interface CodexTotals {
  readonly input: number;
  readonly cached: number;
  readonly output: number;
  readonly reasoning: number;
}

const codexRateLimits = {
  primary: { used_percent: 4, window_minutes: 300, resets_in_seconds: 9000 },
  secondary: { used_percent: 1, window_minutes: 10080, resets_in_seconds: 500000 },
};

/** A token_count event: the session's running totals (input includes cached; output includes reasoning). */
export function codexTokenCount(total: CodexTotals | null, at: string): unknown {
  const usage = (t: CodexTotals) => ({
    input_tokens: t.input,
    cached_input_tokens: t.cached,
    output_tokens: t.output,
    reasoning_output_tokens: t.reasoning,
    total_tokens: t.input + t.output,
  });
  return {
    timestamp: at,
    type: 'event_msg',
    payload: {
      type: 'token_count',
      info: total
        ? { total_token_usage: usage(total), last_token_usage: usage(total), model_context_window: 272000 }
        : null,
      rate_limits: codexRateLimits,
    },
  };
}

// Gemini CLI: <home>/.gemini/tmp/<project id>/chats/session-<time>-<id>.jsonl

export function geminiMetadata(sessionId: string, projectHash: string, at: string): unknown {
  return { sessionId, projectHash, startTime: at, lastUpdated: at, kind: 'main' };
}

export function geminiUser(id: string, at: string): unknown {
  return { id, timestamp: at, type: 'user', content: [{ text: 'Add a --verbose flag' }] };
}

export interface GeminiTokens {
  readonly input: number;
  readonly output: number;
  readonly cached: number;
  readonly thoughts: number;
  readonly tool: number;
}

/** A `gemini` message as first written (no tokens yet) or rewritten with its tokens. */
export function geminiMessage(id: string, at: string, model: string, tokens: GeminiTokens | null): unknown {
  return {
    id,
    timestamp: at,
    type: 'gemini',
    content: 'Done.',
    thoughts: [],
    tokens: tokens ? { ...tokens, total: tokens.input + tokens.output + tokens.thoughts + tokens.tool } : null,
    model,
  };
}

export function geminiSet(at: string): unknown {
  return { $set: { lastUpdated: at } };
}

// Qwen Code: <home>/.qwen/projects/<dashed cwd>/chats/<sessionId>.jsonl

export interface QwenTurn {
  readonly uuid: string;
  readonly parentUuid: string | null;
  readonly sessionId: string;
  readonly cwd: string;
  readonly at: string;
  readonly model: string;
  readonly usage: Record<string, number>;
}

export function qwenAssistant(turn: QwenTurn): unknown {
  return {
    uuid: turn.uuid,
    parentUuid: turn.parentUuid,
    sessionId: turn.sessionId,
    timestamp: turn.at,
    type: 'assistant',
    cwd: turn.cwd,
    version: '0.4.0',
    gitBranch: 'switchyard/thread',
    model: turn.model,
    message: { role: 'model', parts: [{ text: 'Done.' }] },
    usageMetadata: turn.usage,
    contextWindowSize: 1000000,
  };
}

export function qwenUser(uuid: string, sessionId: string, cwd: string, at: string): unknown {
  return {
    uuid,
    parentUuid: null,
    sessionId,
    timestamp: at,
    type: 'user',
    cwd,
    version: '0.4.0',
    gitBranch: 'switchyard/thread',
    message: { role: 'user', parts: [{ text: 'Add a --verbose flag' }] },
  };
}
