import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-repo';
import { resolveAgentCommand } from '../threads/agent-launch';
import { AgentRegistry } from './agent-registry';
import { carriesBypassFlag } from './bypass-flags';
import { builtinProfiles } from './builtin-profiles';
import { headlessFollowUp } from './launch-argv';
import type { AgentMode } from './profile';

const registry = new AgentRegistry(
  builtinProfiles({
    demoAgentScript: '/app/demo-agent.cjs',
    nodeExecutable: process.execPath,
    runningInElectron: false,
  }),
);
const prompt = 'fix "it"; rm -rf $(whoami)';
const cwd = '/work/tree';

/**
 * What each tool's --help says (../shared/reference/agent-clis.md), written out independently of
 * the profile data: base arguments per mode, each approval mode's flags per mode, the resume form,
 * and how the prompt goes in. `null` marks a mode the tool does not have.
 */
interface ToolForm {
  base: Record<AgentMode, string[] | null>;
  approvals: Record<string, Record<AgentMode, string[]>>;
  resume: Record<AgentMode, string[] | null>;
  promptArgs: Record<AgentMode, (text: string) => string[]>;
  /** Bypass approval-mode ids. */
  bypass: string[];
}

const same = (args: string[]) => ({ interactive: args, headless: args });
const typed = () => [];

const tools: Record<string, ToolForm> = {
  claude: {
    base: { interactive: [], headless: ['-p'] },
    approvals: {
      default: same([]),
      acceptEdits: same(['--permission-mode', 'acceptEdits']),
      plan: same(['--permission-mode', 'plan']),
      bypassPermissions: same(['--permission-mode', 'bypassPermissions']),
    },
    resume: same(['-c']),
    // `--` ends the options: a prompt starting with "-" stays the prompt.
    promptArgs: { interactive: (t) => ['--', t], headless: (t) => ['--', t] },
    bypass: ['bypassPermissions'],
  },
  codex: {
    base: { interactive: ['--no-daemon', '-C', cwd], headless: ['exec', '-C', cwd] },
    approvals: {
      default: same([]),
      'workspace-write': {
        interactive: ['-s', 'workspace-write', '-a', 'on-request'],
        headless: ['-s', 'workspace-write'],
      },
      bypass: same(['--dangerously-bypass-approvals-and-sandbox']),
    },
    resume: same(['resume', '--last']),
    promptArgs: { interactive: (t) => ['--', t], headless: (t) => ['--', t] },
    bypass: ['bypass'],
  },
  gemini: {
    base: same([]),
    approvals: {
      default: same([]),
      plan: same(['--approval-mode', 'plan']),
      auto_edit: same(['--approval-mode', 'auto_edit']),
      yolo: same(['--approval-mode', 'yolo']),
    },
    resume: same(['-r', 'latest']),
    promptArgs: { interactive: (t) => ['-i', t], headless: (t) => ['-p', t] },
    bypass: ['yolo'],
  },
  qwen: {
    base: same([]),
    approvals: {
      default: same([]),
      plan: same(['--approval-mode', 'plan']),
      'auto-edit': same(['--approval-mode', 'auto-edit']),
      yolo: same(['--approval-mode', 'yolo']),
    },
    resume: same(['-c']),
    promptArgs: { interactive: (t) => ['-i', t], headless: (t) => [t] },
    bypass: ['yolo'],
  },
  opencode: {
    base: { interactive: [cwd], headless: ['run'] },
    approvals: { default: same([]), auto: same(['--auto']) },
    resume: same(['-c']),
    promptArgs: { interactive: (t) => ['--prompt', t], headless: (t) => [t] },
    bypass: ['auto'],
  },
  amp: {
    base: same([]),
    approvals: { default: same([]), 'allow-all': same(['--dangerously-allow-all']) },
    resume: same(['threads', 'continue', '--last']),
    promptArgs: { interactive: typed, headless: (t) => ['-x', t] },
    bypass: ['allow-all'],
  },
  aider: {
    base: same([]),
    approvals: { default: same([]), 'yes-always': same(['--yes-always']) },
    resume: same(['--restore-chat-history']),
    promptArgs: { interactive: typed, headless: (t) => ['--message', t] },
    bypass: ['yes-always'],
  },
  demo: {
    base: { interactive: ['/app/demo-agent.cjs', '--scenario', 'feature'], headless: null },
    approvals: { default: same([]) },
    resume: { interactive: null, headless: null },
    promptArgs: { interactive: (t) => [t], headless: (t) => [t] },
    bypass: [],
  },
  shell: {
    base: { interactive: process.platform === 'win32' ? [] : ['-i'], headless: null },
    approvals: { default: same([]) },
    resume: { interactive: null, headless: null },
    promptArgs: { interactive: typed, headless: typed },
    bypass: [],
  },
};

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let savedPath: string | undefined;

beforeAll(async () => {
  // Stand-in executables, so the real resolver (PATH lookup included) runs for every tool.
  temp = await makeTempDir();
  for (const binary of ['claude', 'codex', 'gemini', 'qwen', 'opencode', 'amp', 'aider']) {
    const file = path.join(temp.dir, binary);
    await writeFile(file, '#!/bin/sh\nexit 0\n');
    await chmod(file, 0o755);
  }
  savedPath = process.env.PATH;
  process.env.PATH = `${temp.dir}${path.delimiter}${savedPath ?? ''}`;
});

afterAll(async () => {
  process.env.PATH = savedPath;
  await temp.cleanup();
});

describe('a prompt that starts with "-"', () => {
  it('is refused for a custom command that puts the prompt where an option could be, and passes after "--"', async () => {
    const prompt = '-rf everything';
    await expect(
      resolveAgentCommand(registry, { profileId: 'custom', prompt, cwd, command: ['/bin/echo', '{prompt}'] }),
    ).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('starts with "-"') });
    const separated = await resolveAgentCommand(registry, {
      profileId: 'custom',
      prompt,
      cwd,
      command: ['/bin/echo', '--', '{prompt}'],
    });
    expect(separated.args).toEqual(['--', prompt]);
    // Inside a longer argument (--message={prompt}) it cannot be read as an option.
    const joined = await resolveAgentCommand(registry, {
      profileId: 'custom',
      prompt,
      cwd,
      command: ['/bin/echo', '--message={prompt}'],
    });
    expect(joined.args).toEqual([`--message=${prompt}`]);
  });
});

describe('built-in profiles', () => {
  it('cover every tool listed here, and nothing is left untested', () => {
    const tested = [...Object.keys(tools), 'custom'].sort();
    expect(
      registry
        .all()
        .map((p) => p.id)
        .sort(),
    ).toEqual(tested);
  });

  for (const [id, form] of Object.entries(tools)) {
    describe(id, () => {
      const profile = registry.get(id);

      it('offers exactly the approval modes of the tool, the safe one first', () => {
        expect(profile.approvalModes.map((m) => m.id)).toEqual(Object.keys(form.approvals));
        expect(profile.approvalModes[0]?.bypass).toBe(false);
        expect(profile.approvalModes.filter((m) => m.bypass).map((m) => m.id)).toEqual(form.bypass);
      });

      for (const mode of ['interactive', 'headless'] as const) {
        const base = form.base[mode];
        if (base === null) {
          it(`refuses ${mode} with a clear error`, async () => {
            await expect(resolveAgentCommand(registry, { profileId: id, prompt, cwd, mode })).rejects.toMatchObject({
              kind: 'invalid-request',
              message: expect.stringContaining('has no headless mode'),
            });
          });
          continue;
        }
        for (const [approvalId, flags] of Object.entries(form.approvals)) {
          for (const resume of [false, true]) {
            const resumeArgs = resume ? form.resume[mode] : null;
            it(`${mode}, approval ${approvalId}${resume ? ', resumed' : ''}`, async () => {
              const command = await resolveAgentCommand(registry, {
                profileId: id,
                prompt,
                cwd,
                mode,
                approvalMode: approvalId,
                resume,
              });
              // A resumed session already has the task: interactive sends nothing, headless a neutral follow-up.
              const promptPart =
                resumeArgs === null
                  ? form.promptArgs[mode](prompt)
                  : mode === 'headless'
                    ? form.promptArgs.headless(headlessFollowUp)
                    : [];
              expect(command.args).toEqual([...base, ...flags[mode], ...(resumeArgs ?? []), ...promptPart]);
              expect(command.mode).toBe(mode);
              expect(command.approvalMode).toBe(approvalId);
              expect(command.resumed).toBe(resumeArgs !== null);
              const bypass = form.bypass.includes(approvalId);
              expect(command.bypassApprovals).toBe(bypass);
              // OpenCode's `--auto` means other things to other programs, so only its profile knows it bypasses.
              expect(carriesBypassFlag(command.args)).toBe(bypass && id !== 'opencode');
              const typesPrompt =
                mode === 'interactive' && resumeArgs === null && form.promptArgs.interactive === typed;
              expect(command.typedPrompt).toBe(typesPrompt ? prompt : null);
            });
          }
        }
      }

      it('never lets a prompt starting with "-" become an option of the tool', async () => {
        const optionLike = '--dangerously-skip-permissions then fix the tests';
        for (const mode of ['interactive', 'headless'] as const) {
          if (form.base[mode] === null) continue;
          const request = { profileId: id, prompt: optionLike, cwd, mode };
          if (form.promptArgs[mode] === typed) {
            // Typed into the terminal once the tool is up: never on its command line.
            const command = await resolveAgentCommand(registry, request);
            expect(command.typedPrompt).toBe(optionLike);
            expect(command.args).not.toContain(optionLike);
            continue;
          }
          if (form.promptArgs[mode]('x')[0] === '--') {
            const command = await resolveAgentCommand(registry, request);
            expect(command.args.slice(-2)).toEqual(['--', optionLike]);
            expect(command.bypassApprovals).toBe(false);
            continue;
          }
          await expect(resolveAgentCommand(registry, request), `${id} ${mode}`).rejects.toMatchObject({
            kind: 'invalid-request',
            message: expect.stringContaining('starts with "-"'),
          });
        }
        // The same prompt after a space is plain text to every tool.
        await expect(
          resolveAgentCommand(registry, { profileId: id, prompt: ` ${optionLike}`, cwd }),
        ).resolves.toBeTruthy();
      });

      it('starts with no bypass flag when no approval mode is chosen, in every mode', async () => {
        for (const mode of profile.headless ? (['interactive', 'headless'] as const) : (['interactive'] as const)) {
          const command = await resolveAgentCommand(registry, { profileId: id, prompt, cwd, mode });
          expect(command.approvalMode).toBe('default');
          expect(command.bypassApprovals).toBe(false);
          expect(command.args.join(' ')).not.toMatch(/dangerously|yolo|bypass|--yes-always|-y\b|--auto\b/);
        }
      });
    });
  }
});
