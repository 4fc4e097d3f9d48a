import path from 'node:path';
import { type AgentProfile, commonNeedsInputPatterns } from './profile';

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
    takesCommand: false,
    takesScenario: false,
    ...profile,
  };
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
 * (../shared/reference/agent-clis.md). Safe by default: no approval-bypass flag anywhere here.
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
      installHint: 'npm install -g @anthropic-ai/claude-code',
    }),
    cliProfile({
      id: 'codex',
      label: 'Codex CLI',
      binary: 'codex',
      // --no-daemon: the TUI otherwise leaves an app-server process behind.
      args: ['--no-daemon', '-C', '{cwd}'],
      installHint: 'npm install -g @openai/codex',
    }),
    cliProfile({
      id: 'gemini',
      label: 'Gemini CLI',
      binary: 'gemini',
      promptArgs: ['-i', '{prompt}'],
      installHint: 'npm install -g @google/gemini-cli',
    }),
    cliProfile({
      id: 'opencode',
      label: 'OpenCode',
      binary: 'opencode',
      args: ['{cwd}'],
      promptArgs: ['--prompt', '{prompt}'],
      installHint: 'npm install -g opencode-ai',
    }),
    cliProfile({
      id: 'qwen',
      label: 'Qwen Code',
      binary: 'qwen',
      promptArgs: ['-i', '{prompt}'],
      installHint: 'npm install -g @qwen-code/qwen-code',
    }),
    cliProfile({
      id: 'amp',
      label: 'Amp',
      binary: 'amp',
      // Amp's interactive mode takes the prompt only as input.
      promptArgs: [],
      promptDelivery: 'typed',
      installHint: 'npm install -g @sourcegraph/amp',
    }),
    cliProfile({
      id: 'aider',
      label: 'Aider',
      binary: 'aider',
      promptArgs: [],
      promptDelivery: 'typed',
      installHint: 'pipx install aider-chat',
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
