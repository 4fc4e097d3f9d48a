import { describe, expect, it } from 'vitest';
import { PlanSchema } from '../../shared/plan';
import { planFromChecklist, taskNameFrom } from './checklist-import';

describe('planFromChecklist', () => {
  it('makes one task per unticked item, named from its text, the text as the brief', () => {
    const plan = planFromChecklist(
      [
        '# Monday',
        '- [ ] Add the **login** form (UI)',
        '- [x] Already done',
        '  * [ ] Fix the API rate limit',
        'Some prose - [ ] not an item',
        '- [ ] Add the login form (UI)',
      ].join('\n'),
      'main',
    );
    expect(plan.base).toBe('main');
    expect(plan.tasks.map((t) => t.name)).toEqual([
      'add-the-login-form-ui',
      'fix-the-api-rate-limit',
      'add-the-login-form-ui-2',
    ]);
    expect(plan.tasks[0]!.brief.task).toBe('Add the **login** form (UI)');
    expect(plan.tasks[1]!.brief.task).toBe('Fix the API rate limit');
    // What it makes is a valid plan, ready to be filled in.
    expect(PlanSchema.safeParse(plan).success).toBe(true);
  });

  it('cuts long names at a word and keeps names valid for odd text', () => {
    expect(taskNameFrom('Rewrite the whole configuration loader so that it reads YAML too')).toBe(
      'rewrite-the-whole-configuration-loader',
    );
    expect(taskNameFrom('Café déjà vu')).toBe('cafe-deja-vu');
    expect(taskNameFrom('!!!')).toBe('task');
  });

  it('gives no tasks for a list without open items', () => {
    expect(planFromChecklist('- [x] done\n- plain', 'main').tasks).toEqual([]);
  });
});
