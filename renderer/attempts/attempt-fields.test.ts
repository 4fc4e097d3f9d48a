import { describe, expect, it } from 'vitest';
import type { AgentProfileInfo } from '../../shared/models';
import { attemptsRequest } from './attempt-fields';

const profile = (id: string, fields: Partial<AgentProfileInfo> = {}): AgentProfileInfo => ({
  id,
  label: id,
  binary: id,
  installed: true,
  version: null,
  installHint: null,
  takesCommand: false,
  takesScenario: false,
  modes: ['interactive'],
  approvalModes: [{ id: 'default', label: 'Default', bypass: false }],
  supportsResume: false,
  custom: false,
  ...fields,
});

const profiles = [
  profile('claude', { modes: ['interactive', 'headless'] }),
  profile('custom', { takesCommand: true }),
  profile('demo', { takesScenario: true }),
];

describe('attemptsRequest', () => {
  it('turns the form into one agent per attempt, each with only what its profile takes', () => {
    const request = attemptsRequest(
      {
        projectId: 'p1',
        name: 'Race',
        profileId: 'claude',
        prompt: 'go',
        baseBranch: 'main',
        branch: 'switchyard/race',
        mode: 'headless',
        brief: { task: 'Race', verificationCommands: ['npm test'] },
        cols: 100,
        rows: 30,
      },
      {
        count: 3,
        agents: [
          { profileId: 'claude', commandText: 'ignored', scenario: 'ignored' },
          { profileId: 'custom', commandText: 'my-agent\n\n--fast\n', scenario: '' },
          { profileId: 'demo', commandText: '', scenario: ' ' },
          { profileId: 'claude', commandText: '', scenario: '' },
        ],
        benchmarkCommand: ' npm run bench ',
      },
      profiles,
    );
    expect(request).toEqual({
      projectId: 'p1',
      name: 'Race',
      prompt: 'go',
      baseBranch: 'main',
      brief: { task: 'Race', verificationCommands: ['npm test'] },
      benchmarkCommand: 'npm run bench',
      cols: 100,
      rows: 30,
      agents: [
        { profileId: 'claude', mode: 'headless' },
        { profileId: 'custom', command: ['my-agent', '--fast'] },
        { profileId: 'demo', scenario: 'feature' },
      ],
    });
  });
});
