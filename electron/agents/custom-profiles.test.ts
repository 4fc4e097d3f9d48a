import { describe, expect, it } from 'vitest';
import { type CustomProfile, CustomProfileSchema, customProfileIdFor } from '../../shared/custom-profile';
import { AgentRegistry } from './agent-registry';
import { customToAgentProfile } from './custom-profiles';
import { commonNeedsInputPatterns } from '../status/screen-rules';

function parse(overrides: Record<string, unknown>) {
  return CustomProfileSchema.safeParse({ id: 'custom-mine', label: 'Mine', binary: 'my-agent', ...overrides });
}

function reasons(overrides: Record<string, unknown>): string[] {
  const result = parse(overrides);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('custom profile data', () => {
  it('fills sensible defaults', () => {
    expect(parse({}).data).toEqual({
      id: 'custom-mine',
      label: 'Mine',
      binary: 'my-agent',
      args: [],
      promptArgs: ['{prompt}'],
      env: {},
      needsInputPatterns: [],
      resumeArgs: null,
    });
  });

  it('says why a needs-input pattern is unusable', () => {
    expect(reasons({ needsInputPatterns: ['(unclosed'] })).toEqual([
      expect.stringMatching(/^needsInputPatterns\.0: "\(unclosed" is not a valid regular expression/),
    ]);
    expect(reasons({ needsInputPatterns: ['Continue\\?', '.*'] })).toEqual([
      'needsInputPatterns.1: ".*" matches an empty screen, so every pause would look like a question',
    ]);
  });

  it('refuses bad environment names, relative program paths and bad ids', () => {
    expect(reasons({ env: { 'MY VAR': 'x' } }).join('\n')).toContain('environment variable name');
    expect(reasons({ env: { '1ST': 'x' } }).join('\n')).toContain('environment variable name');
    expect(reasons({ env: { GOOD_NAME: 'x' } })).toEqual([]);
    expect(reasons({ binary: './bin/agent' })).toEqual([
      'binary: The program is a name found on PATH or an absolute path',
    ]);
    expect(reasons({ binary: '/opt/agent/bin/agent' })).toEqual([]);
    expect(reasons({ id: 'mine' }).join('\n')).toContain('"custom-"');
  });

  it('makes fresh ids from labels', () => {
    expect(customProfileIdFor('My Agent 2.0!', [])).toBe('custom-my-agent-2-0');
    expect(customProfileIdFor('My agent', ['custom-my-agent', 'custom-my-agent-2'])).toBe('custom-my-agent-3');
    expect(customProfileIdFor('☃', [])).toBe('custom-agent');
  });
});

describe('a custom profile as the launcher sees it', () => {
  const base: CustomProfile = CustomProfileSchema.parse({ id: 'custom-x', label: 'X', binary: 'x' });

  it('passes the prompt as an argument when a placeholder asks for it, else types it in', () => {
    expect(customToAgentProfile(base).promptDelivery).toBe('argv');
    expect(customToAgentProfile({ ...base, promptArgs: [], args: ['--in', '{promptFile}'] }).promptDelivery).toBe(
      'argv',
    );
    expect(customToAgentProfile({ ...base, promptArgs: [] }).promptDelivery).toBe('typed');
  });

  it('runs interactive only, with no bypass, never runs --version, and falls back to the common patterns', () => {
    const profile = customToAgentProfile(base);
    expect(profile).toMatchObject({ custom: true, headless: null, versionArgs: null, takesCommand: false });
    expect(profile.approvalModes).toEqual([expect.objectContaining({ id: 'default', bypass: false })]);
    expect(profile.needsInputPatterns).toBe(commonNeedsInputPatterns);
    expect(customToAgentProfile({ ...base, needsInputPatterns: ['Ready>'] }).needsInputPatterns).toEqual(['Ready>']);
  });
});

describe('saving a custom profile', () => {
  function registry() {
    const store = {
      saved: [] as CustomProfile[],
      get: () => store.saved,
      set: async (_key: 'customProfiles', value: CustomProfile[]) => {
        store.saved = value;
      },
    };
    return { store, registry: new AgentRegistry([], store) };
  }

  // ^(a+)+\?$ on a line of 31 a's froze every request for 8.7 s.
  it('refuses a needs-input pattern that backtracks catastrophically, saying which and why', async () => {
    const { store, registry: agents } = registry();
    const profile = CustomProfileSchema.parse({
      id: 'custom-slow',
      label: 'Slow',
      binary: '/bin/sh',
      needsInputPatterns: ['Continue\\?', '^(a+)+\\?$'],
    });
    await expect(agents.saveCustom(profile)).rejects.toMatchObject({
      kind: 'invalid-request',
      message: expect.stringMatching(
        /^Needs-input pattern "\^\(a\+\)\+\\\?\$" takes too long on some screen text \(over 250 ms on "a+.*\(a\+\)\+/,
      ),
    });
    expect(store.saved).toEqual([]);
    const fine = { ...profile, needsInputPatterns: ['Continue\\?', '^a+\\?$'] };
    await expect(agents.saveCustom(fine)).resolves.toMatchObject({ id: 'custom-slow' });
    expect(store.saved).toEqual([fine]);
  }, 15_000);
});
