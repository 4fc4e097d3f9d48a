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
});
