import { describe, expect, it } from 'vitest';
import { customProfileFromForm, emptyCustomProfileForm, formFromCustomProfile } from './custom-profile-editor';

const form = {
  ...emptyCustomProfileForm,
  label: 'My agent',
  binary: '/opt/agent/bin/agent',
  args: '--cwd\n{cwd}\n\n',
  promptArgs: '--prompt-file\r\n{promptFile}',
  env: 'API_BASE=http://localhost:8080/?a=b\n\nMODE=fast',
  needsInputPatterns: 'Continue\\? \\[y/N\\]',
  resumeArgs: '',
};

describe('custom profile form', () => {
  it('turns lines into lists and KEY=VALUE lines into the environment, and back', () => {
    const outcome = customProfileFromForm(form, 'custom-my-agent');
    expect(outcome).toEqual({
      ok: true,
      profile: {
        id: 'custom-my-agent',
        label: 'My agent',
        binary: '/opt/agent/bin/agent',
        args: ['--cwd', '{cwd}'],
        promptArgs: ['--prompt-file', '{promptFile}'],
        env: { API_BASE: 'http://localhost:8080/?a=b', MODE: 'fast' },
        needsInputPatterns: ['Continue\\? \\[y/N\\]'],
        resumeArgs: null,
      },
    });
    if (!outcome.ok) return;
    expect(customProfileFromForm(formFromCustomProfile(outcome.profile), 'custom-my-agent')).toEqual(outcome);
    expect(formFromCustomProfile({ ...outcome.profile, resumeArgs: ['--continue'] }).resumeArgs).toBe('--continue');
  });

  it('names the field and the reason when something is wrong', () => {
    expect(customProfileFromForm({ ...form, env: 'JUST_A_NAME' }, 'custom-x')).toEqual({
      ok: false,
      message: 'Environment line 1 is not KEY=VALUE: "JUST_A_NAME"',
    });
    const badPattern = customProfileFromForm({ ...form, needsInputPatterns: 'ok\n[unclosed' }, 'custom-x');
    expect(badPattern.ok ? '' : badPattern.message).toMatch(
      /^Needs-input patterns: "\[unclosed" is not a valid regular expression/,
    );
    const noProgram = customProfileFromForm({ ...form, binary: '  ' }, 'custom-x');
    expect(noProgram.ok ? '' : noProgram.message).toMatch(/^Program: /);
    const badName = customProfileFromForm({ ...form, env: 'MY VAR=1' }, 'custom-x');
    expect(badName.ok ? '' : badName.message).toContain('"MY VAR" is not an environment variable name');
  });
});
