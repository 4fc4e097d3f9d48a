import { describe, expect, it } from 'vitest';
import { BriefSchema } from '../../shared/brief';
import {
  briefDraftHasContent,
  briefFromDraft,
  draftFromBrief,
  effectiveTask,
  emptyBriefDraft,
  linesOf,
} from './brief-draft';

describe('brief draft', () => {
  it('counts nothing the dispatcher did not fill in: a task following the name, the default risk', () => {
    expect(briefDraftHasContent(emptyBriefDraft)).toBe(false);
    expect(briefDraftHasContent({ ...emptyBriefDraft, ownedPaths: '\n  \n' })).toBe(false);
    expect(briefDraftHasContent({ ...emptyBriefDraft, task: 'x', taskEdited: false })).toBe(false);
    for (const patch of [
      { task: 'Do it', taskEdited: true },
      { goal: 'done' },
      { ownedPaths: 'src/**' },
      { readablePaths: 'docs/**' },
      { forbiddenPaths: 'package.json' },
      { acceptanceCriteria: 'works' },
      { verificationCommands: 'npm test' },
      { changelogPath: 'CHANGES.md' },
      { integrationRisk: 'high' as const },
      { dependsOn: ['t_1'] },
    ])
      expect(briefDraftHasContent({ ...emptyBriefDraft, ...patch }), JSON.stringify(patch)).toBe(true);
  });

  it('turns lines into trimmed entries and the task into the name until edited', () => {
    expect(linesOf(' a/** \r\n\n b \n')).toEqual(['a/**', 'b']);
    expect(effectiveTask(emptyBriefDraft, ' Fix login ')).toBe('Fix login');
    expect(effectiveTask({ ...emptyBriefDraft, task: 'Typed', taskEdited: true }, 'Fix login')).toBe('Typed');

    const brief = briefFromDraft(
      {
        ...emptyBriefDraft,
        goal: ' Works \n',
        ownedPaths: 'src/a/**\nsrc/b.ts',
        verificationCommands: 'npm test\n\nnpm run lint',
        integrationRisk: 'medium',
        dependsOn: ['t_1'],
      },
      'Fix login',
    );
    expect(brief).toEqual({
      task: 'Fix login',
      goal: 'Works',
      ownedPaths: ['src/a/**', 'src/b.ts'],
      readablePaths: [],
      forbiddenPaths: [],
      acceptanceCriteria: [],
      verificationCommands: ['npm test', 'npm run lint'],
      changelogPath: '',
      integrationRisk: 'medium',
      dependsOn: ['t_1'],
    });
    // What the form sends is what the contract accepts.
    expect(BriefSchema.parse(brief)).toEqual(brief);
  });

  it('round-trips a saved brief through the form', () => {
    const brief = BriefSchema.parse({
      task: 'Task',
      ownedPaths: ['a', 'b'],
      acceptanceCriteria: ['c'],
      changelogPath: '.changes/x.md',
      integrationRisk: 'high',
      dependsOn: ['t_2'],
    });
    const draft = draftFromBrief(brief);
    expect(draft.taskEdited).toBe(true);
    expect(draft.ownedPaths).toBe('a\nb');
    expect(briefFromDraft(draft, 'ignored')).toEqual(brief);
    expect(draftFromBrief(BriefSchema.parse({})).taskEdited).toBe(false);
  });
});
