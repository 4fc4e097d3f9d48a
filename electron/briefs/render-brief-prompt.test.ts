import { describe, expect, it } from 'vitest';
import { BriefSchema, type BriefInput } from '../../shared/brief';
import { AppError } from '../../shared/errors';
import { defaultPromptTemplate } from './default-prompt-template';
import { parsePromptTemplate } from './prompt-template-check';
import { promptTemplateVariables } from './prompt-variables';
import { type BriefPromptView, promptTemplateData, renderBriefPrompt } from './render-brief-prompt';

function view(brief: BriefInput, overrides: Partial<BriefPromptView> = {}): BriefPromptView {
  return {
    threadName: 'Worker briefs',
    branch: 'switchyard/worker-briefs',
    baseBranch: 'main',
    prompt: '',
    brief: BriefSchema.parse(brief),
    changelogPath: '.changes/worker-briefs.md',
    ...overrides,
  };
}

function problemWith(template: string): AppError {
  try {
    parsePromptTemplate(template);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the template to be refused');
}

describe('the built-in template', () => {
  it('tells the agent everything the brief says, in order', () => {
    const prompt = renderBriefPrompt(
      null,
      view(
        {
          task: 'Add worker briefs',
          goal: 'Threads carry a structured brief.',
          ownedPaths: ['electron/briefs/**'],
          readablePaths: ['shared/**'],
          forbiddenPaths: ['package.json'],
          acceptanceCriteria: ['git status stays clean'],
          verificationCommands: ['npx vitest run electron/briefs'],
          integrationRisk: 'high',
          dependsOn: ['t_1'],
        },
        {
          prompt: 'Mind the e2e test.',
          dependencies: [{ id: 't_1', name: 'Contract split', branch: 'switchyard/contract' }],
        },
      ),
    );
    const expectedInOrder = [
      'on the branch switchyard/worker-briefs, created from main, for the thread "Worker briefs"',
      '# Task\nAdd worker briefs\n',
      '## Goal\nThreads carry a structured brief.\n',
      '## Notes from the dispatcher\nMind the e2e test.\n',
      'You own these paths and may create, change or delete files in them:\n- electron/briefs/**\n',
      'Read these for context, but do not change them:\n- shared/**\n',
      'Do not edit these at all; they belong to someone else:\n- package.json\n',
      '## Done means\n- git status stays clean\n',
      '```\nnpx vitest run electron/briefs\n```\n',
      '- Contract split (branch switchyard/contract)\n',
      'Write a short changelog fragment to .changes/worker-briefs.md',
      'integration risk of this work as high.',
    ];
    let from = 0;
    for (const part of expectedInOrder) {
      const at = prompt.indexOf(part, from);
      expect(at, `"${part}" after position ${from} in:\n${prompt}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
    expect(prompt).not.toMatch(/\n{3,}/);
    expect(prompt).not.toContain('{{');
  });

  it('leaves out what the brief does not say, and falls back to the thread name for the task', () => {
    const prompt = renderBriefPrompt(null, view({}));
    expect(prompt).toContain('# Task\nWorker briefs\n');
    expect(prompt).toContain('No paths were assigned to you');
    for (const absent of [
      '## Goal',
      '## Notes',
      'Read these',
      'Do not edit',
      '## Done means',
      '## Check',
      '## Builds on',
    ])
      expect(prompt).not.toContain(absent);
    expect(prompt).not.toMatch(/\n{3,}/);
    expect(prompt.startsWith('You are one of several coding agents')).toBe(true);
  });

  it('names dependencies by id when their threads were not looked up', () => {
    expect(renderBriefPrompt(null, view({ dependsOn: ['t_9'] }))).toContain('- t_9 (branch (unknown))');
  });
});

describe('project templates', () => {
  it('render with the documented names', () => {
    const template = '{{task}} on {{branch}}{{#ownedPaths}} [{{.}}]{{/ownedPaths}}{{^goal}} (no goal){{/goal}}';
    expect(renderBriefPrompt(template, view({ task: 'Do it', ownedPaths: ['a/**', 'b'] }))).toBe(
      'Do it on switchyard/worker-briefs [a/**] [b] (no goal)',
    );
  });

  it('offer exactly the documented names', () => {
    expect(Object.keys(promptTemplateData(view({}))).sort()).toEqual(promptTemplateVariables.map((v) => v.name).sort());
    expect(() => parsePromptTemplate(defaultPromptTemplate)).not.toThrow();
  });

  it('are refused with the line and the problem when a name is unknown or the syntax is wrong', () => {
    const typo = problemWith('Task: {{task}}\nGoal: {{goall}}');
    expect(typo.kind).toBe('invalid-request');
    expect(typo.message).toContain('line 2: "goall" is not a name prompt templates know');
    expect(typo.message).toContain('threadName');
    expect(problemWith('{{#ownedPaths}}\n- {{.}}\n').message).toBe(
      'The prompt template has a problem on line 1: "{{#ownedPaths}}" is never closed with "{{/ownedPaths}}".',
    );
    expect(() => renderBriefPrompt('{{/task}}', view({}))).toThrow(/never opened/);
  });

  it('allow list item fields only inside their list', () => {
    expect(() => parsePromptTemplate('{{#dependencies}}{{name}} {{branch}} {{id}}{{/dependencies}}')).not.toThrow();
    expect(problemWith('{{name}}').message).toContain('"name" is not a name');
    expect(() => parsePromptTemplate('{{ownedPaths.length}} {{#goal}}{{.}}{{/goal}}')).not.toThrow();
  });
});
