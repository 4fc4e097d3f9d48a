import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAgentCommand } from '../threads/agent-launch';
import { AgentRegistry } from './agent-registry';
import { fillArgv } from './argv-template';
import { builtinProfiles } from './builtin-profiles';

const registry = new AgentRegistry(
  builtinProfiles({
    demoAgentScript: '/app/dist/demo-agent.cjs',
    nodeExecutable: process.execPath,
    runningInElectron: true,
  }),
);

describe('agent launch', () => {
  it('keeps a hostile prompt as one argument', () => {
    const prompt = `fix "it"; rm -rf / $(whoami) \`id\` && echo 'x'`;
    expect(fillArgv(['-i', '{prompt}'], { prompt, cwd: '/w', scenario: 's' })).toEqual(['-i', prompt]);
  });

  it('runs the demo agent with node in node mode under Electron, with the scenario and prompt', async () => {
    const command = await resolveAgentCommand(registry, {
      profileId: 'demo',
      prompt: 'do it',
      cwd: '/w',
      scenario: 'quick',
    });
    expect(command.file).toBe(process.execPath);
    expect(command.args).toEqual(['/app/dist/demo-agent.cjs', '--scenario', 'quick', 'do it']);
    expect(command.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
  });

  it('leaves prompt flags out when there is no prompt, and types the prompt for tools that only read input', async () => {
    const noPrompt = await resolveAgentCommand(registry, { profileId: 'demo', prompt: '  ', cwd: '/w' });
    expect(noPrompt.args).toEqual(['/app/dist/demo-agent.cjs', '--scenario', 'feature']);
    const shell = await resolveAgentCommand(registry, { profileId: 'shell', prompt: 'ls', cwd: '/w' });
    expect(shell.typedPrompt).toBe('ls');
  });

  it('uses the custom command as argv and fills its placeholders', async () => {
    const command = await resolveAgentCommand(registry, {
      profileId: 'custom',
      prompt: 'p',
      cwd: '/w',
      command: ['/bin/echo', '--dir', '{cwd}', '{prompt}'],
    });
    expect(command.file).toBe(path.resolve('/bin/echo'));
    expect(command.args).toEqual(['--dir', '/w', 'p']);
  });

  it('names the missing binary and how to install it', async () => {
    const withEmptyPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(
        resolveAgentCommand(registry, { profileId: 'claude', prompt: 'x', cwd: '/w' }),
      ).rejects.toMatchObject({
        kind: 'agent-missing',
        message: expect.stringContaining('"claude"'),
      });
      await expect(resolveAgentCommand(registry, { profileId: 'claude', prompt: 'x', cwd: '/w' })).rejects.toThrow(
        'npm install -g @anthropic-ai/claude-code',
      );
    } finally {
      process.env.PATH = withEmptyPath;
    }
  });

  it('has no approval-bypass flag in any built-in profile', () => {
    for (const profile of registry.all()) {
      const argv = [...profile.args, ...profile.promptArgs].join(' ');
      expect(argv, profile.id).not.toMatch(/dangerously|yolo|bypass|--yes-always|-y\b|--auto\b/);
    }
  });

  it('refuses an unknown approval mode, naming the valid ones, before looking for the binary', async () => {
    const error = await resolveAgentCommand(registry, {
      profileId: 'claude',
      prompt: 'x',
      cwd: '/w',
      approvalMode: 'yolo',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'invalid-request',
      message: 'Claude Code has no approval mode "yolo"; choose one of: default, acceptEdits, plan, bypassPermissions.',
      details: { valid: ['default', 'acceptEdits', 'plan', 'bypassPermissions'] },
    });
  });

  it('refuses headless for a tool without it, and a headless run without a prompt', async () => {
    await expect(
      resolveAgentCommand(registry, { profileId: 'demo', prompt: 'x', cwd: '/w', mode: 'headless' }),
    ).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('has no headless mode') });
    await expect(
      resolveAgentCommand(registry, { profileId: 'claude', prompt: ' ', cwd: '/w', mode: 'headless' }),
    ).rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('needs a prompt') });
  });

  it('starts a tool that cannot resume again as created, and says so', async () => {
    const command = await resolveAgentCommand(registry, { profileId: 'demo', prompt: 'go', cwd: '/w', resume: true });
    expect(command.resumed).toBe(false);
    expect(command.args).toEqual(['/app/dist/demo-agent.cjs', '--scenario', 'feature', 'go']);
  });

  it('writes {promptFile} with the prompt, privately, outside the worktree', async () => {
    const prompt = 'line one\nline "two" $(id)\n';
    const command = await resolveAgentCommand(registry, {
      profileId: 'custom',
      prompt,
      cwd: '/w',
      command: ['/bin/cat', '{promptFile}'],
    });
    const [file] = command.args;
    try {
      expect(file).toBe(command.promptFile);
      expect(await readFile(file ?? '', 'utf8')).toBe(prompt);
      expect((await stat(file ?? '')).mode & 0o077).toBe(0);
    } finally {
      await rm(path.dirname(file ?? '/nonexistent/x'), { recursive: true, force: true });
    }
    const withoutFile = await resolveAgentCommand(registry, { profileId: 'demo', prompt, cwd: '/w' });
    expect(withoutFile.promptFile).toBeNull();
  });

  it('reports a bypass flag written into a custom command', async () => {
    const safe = await resolveAgentCommand(registry, {
      profileId: 'custom',
      prompt: '--yolo',
      cwd: '/w',
      // After `--` the prompt is text, not a flag (without it such a prompt is refused: builtin-profiles.test.ts).
      command: ['/bin/echo', '--', '{prompt}'],
    });
    expect(safe.bypassApprovals).toBe(false);
    const risky = await resolveAgentCommand(registry, {
      profileId: 'custom',
      prompt: 'p',
      cwd: '/w',
      command: ['/bin/echo', '--dangerously-skip-permissions', '{prompt}'],
    });
    expect(risky.bypassApprovals).toBe(true);
    expect(risky.approvalMode).toBe('default');
  });
});
