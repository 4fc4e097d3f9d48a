import path from 'node:path';
import { commonNeedsInputPatterns } from '../status/screen-rules';
import { type AgentProfile, approvalMode, toolDefaultApprovalModes } from './profile';

function cliProfile(profile: Partial<AgentProfile> & Pick<AgentProfile, 'id' | 'label' | 'binary'>): AgentProfile {
  return {
    args: [],
    promptArgs: ['{prompt}'],
    promptDelivery: 'argv',
    versionArgs: ['--version'],
    env: {},
    needsInputPatterns: commonNeedsInputPatterns,
    installHint: null,
    resumeArgs: null,
    headless: null,
    approvalModes: toolDefaultApprovalModes,
    takesCommand: false,
    takesScenario: false,
    custom: false,
    ...profile,
  };
}

/** Gemini CLI and Qwen Code share `--approval-mode`, but spell auto-edit differently. */
function approvalModeFlagModes(autoEditValue: 'auto_edit' | 'auto-edit') {
  return [
    approvalMode('default', 'Ask before edits and commands', []),
    approvalMode('plan', 'Plan only: read, change nothing', ['--approval-mode', 'plan']),
    approvalMode(autoEditValue, 'Accept edits, ask before commands', ['--approval-mode', autoEditValue]),
    approvalMode('yolo', 'Approve everything (yolo)', ['--approval-mode', 'yolo'], { bypass: true }),
  ];
}

export interface BuiltinProfileOptions {
  /** Absolute path of the bundled demo agent script. */
  readonly demoAgentScript: string;
  /** Executable that runs Node scripts: node itself, or Electron's binary in node mode. */
  readonly nodeExecutable: string;
  readonly runningInElectron: boolean;
}

/**
 * The agent CLIs Switchyard knows, with flags read from each tool's own --help
 * (../shared/reference/agent-clis.md). Safe by default: the first approval mode of each adds no
 * bypass flag, and a bypass is only ever an explicit choice. Argv order when launched:
 * base args, approval args, resume args, prompt args. Where the prompt is an argument that a
 * leading "-" would turn into an option and the tool takes no `--` before it, planLaunch refuses
 * such a prompt (see promptOptionProblem).
 */
export function builtinProfiles(options: BuiltinProfileOptions): AgentProfile[] {
  const shell = process.platform === 'win32' ? (process.env.COMSPEC ?? 'cmd.exe') : (process.env.SHELL ?? '/bin/bash');
  return [
    cliProfile({
      id: 'demo',
      label: 'Demo agent (scripted)',
      binary: options.nodeExecutable,
      args: [options.demoAgentScript, '--scenario', '{scenario}'],
      versionArgs: null,
      env: options.runningInElectron ? { ELECTRON_RUN_AS_NODE: '1' } : {},
      takesScenario: true,
    }),
    cliProfile({
      id: 'claude',
      label: 'Claude Code',
      binary: 'claude',
      // `--` ends the options, so a prompt starting with "-" (say "--dangerously-skip-permissions")
      // stays the prompt instead of becoming a flag.
      promptArgs: ['--', '{prompt}'],
      installHint: 'npm install -g @anthropic-ai/claude-code',
      resumeArgs: ['-c'],
      // `claude -p -c -- "follow-up"` continues headless the same way.
      headless: { args: ['-p'], promptArgs: ['--', '{prompt}'], resumeArgs: ['-c'] },
      approvalModes: [
        approvalMode('default', 'Ask before edits and commands', []),
        approvalMode('acceptEdits', 'Accept edits, ask before commands', ['--permission-mode', 'acceptEdits']),
        approvalMode('plan', 'Plan only: read, change nothing', ['--permission-mode', 'plan']),
        approvalMode('bypassPermissions', 'Bypass all permission checks', ['--permission-mode', 'bypassPermissions'], {
          bypass: true,
        }),
      ],
    }),
    cliProfile({
      id: 'codex',
      label: 'Codex CLI',
      binary: 'codex',
      // --no-daemon: the TUI otherwise leaves an app-server process behind.
      args: ['--no-daemon', '-C', '{cwd}'],
      // `--` ends the options (a prompt starting with "-" stays the prompt).
      promptArgs: ['--', '{prompt}'],
      installHint: 'npm install -g @openai/codex',
      resumeArgs: ['resume', '--last'],
      // Headless resume is `codex exec resume --last -- "follow-up"`: exec's own options come before `resume`.
      headless: { args: ['exec', '-C', '{cwd}'], promptArgs: ['--', '{prompt}'], resumeArgs: ['resume', '--last'] },
      approvalModes: [
        approvalMode('default', "Codex's configured sandbox and approvals", []),
        approvalMode(
          'workspace-write',
          'Write in the worktree, ask for anything more',
          ['-s', 'workspace-write', '-a', 'on-request'],
          // `-a` is interactive only; `codex exec` never stops to ask.
          { headlessArgs: ['-s', 'workspace-write'] },
        ),
        approvalMode('bypass', 'No sandbox, never ask', ['--dangerously-bypass-approvals-and-sandbox'], {
          bypass: true,
        }),
      ],
    }),
    cliProfile({
      id: 'gemini',
      label: 'Gemini CLI',
      binary: 'gemini',
      promptArgs: ['-i', '{prompt}'],
      installHint: 'npm install -g @google/gemini-cli',
      resumeArgs: ['-r', 'latest'],
      headless: { args: [], promptArgs: ['-p', '{prompt}'], resumeArgs: ['-r', 'latest'] },
      approvalModes: approvalModeFlagModes('auto_edit'),
    }),
    cliProfile({
      id: 'opencode',
      label: 'OpenCode',
      binary: 'opencode',
      args: ['{cwd}'],
      promptArgs: ['--prompt', '{prompt}'],
      installHint: 'npm install -g opencode-ai',
      resumeArgs: ['-c'],
      // The process already runs in the worktree, so `run` needs no --dir.
      headless: { args: ['run'], promptArgs: ['{prompt}'], resumeArgs: ['-c'] },
      approvalModes: [
        approvalMode('default', 'Ask as opencode.json permissions say', []),
        // Explicit "deny" rules in opencode.json still hold, but every "ask" becomes yes.
        approvalMode('auto', 'Auto-approve every request', ['--auto'], { bypass: true }),
      ],
    }),
    cliProfile({
      id: 'qwen',
      label: 'Qwen Code',
      binary: 'qwen',
      promptArgs: ['-i', '{prompt}'],
      installHint: 'npm install -g @qwen-code/qwen-code',
      resumeArgs: ['-c'],
      // Qwen's headless run takes the prompt as a plain positional argument.
      headless: { args: [], promptArgs: ['{prompt}'], resumeArgs: ['-c'] },
      approvalModes: approvalModeFlagModes('auto-edit'),
    }),
    cliProfile({
      id: 'amp',
      label: 'Amp',
      binary: 'amp',
      // Amp's interactive mode takes the prompt only as input.
      promptArgs: [],
      promptDelivery: 'typed',
      installHint: 'npm install -g @sourcegraph/amp',
      resumeArgs: ['threads', 'continue', '--last'],
      // Headless resume is `amp threads continue --last -x "follow-up"`.
      headless: { args: [], promptArgs: ['-x', '{prompt}'], resumeArgs: ['threads', 'continue', '--last'] },
      approvalModes: [
        approvalMode('default', 'Ask before acting', []),
        approvalMode('allow-all', 'Allow everything without asking', ['--dangerously-allow-all'], { bypass: true }),
      ],
    }),
    cliProfile({
      id: 'aider',
      label: 'Aider',
      binary: 'aider',
      promptArgs: [],
      promptDelivery: 'typed',
      installHint: 'pipx install aider-chat',
      // Aider keeps no sessions; restoring the chat history file in the worktree is its resume.
      resumeArgs: ['--restore-chat-history'],
      headless: { args: [], promptArgs: ['--message', '{prompt}'], resumeArgs: ['--restore-chat-history'] },
      approvalModes: [
        approvalMode('default', 'Ask before each change', []),
        approvalMode('yes-always', 'Say yes to every question', ['--yes-always'], { bypass: true }),
      ],
    }),
    cliProfile({
      id: 'shell',
      label: 'Plain shell',
      binary: shell,
      args: process.platform === 'win32' ? [] : ['-i'],
      promptArgs: [],
      promptDelivery: 'typed',
      versionArgs: null,
      needsInputPatterns: [],
    }),
    cliProfile({
      id: 'custom',
      label: 'Custom command',
      binary: '',
      promptArgs: [],
      versionArgs: null,
      takesCommand: true,
    }),
  ];
}

export function defaultDemoAgentScript(distDir: string): string {
  return path.join(distDir, 'demo-agent.cjs');
}
