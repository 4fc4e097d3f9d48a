import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinScenarioNames, builtinScenarios } from './builtin-scenarios';
import { parseCommandLine } from './command-line';
import { loadScenario, parseScenario, ScenarioLoadError } from './load-scenario';
import { ScenarioSchema } from './scenario';
import { makeTempDir, removeTempDirs } from '../test-support/demo-agent';

let cwd: string;

beforeEach(async () => {
  cwd = await makeTempDir();
});

afterEach(async () => {
  await removeTempDirs();
});

async function loadError(spec: string | undefined): Promise<ScenarioLoadError> {
  const error = await loadScenario(spec, cwd).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ScenarioLoadError);
  expect((error as ScenarioLoadError).exitCode).toBe(3);
  return error as ScenarioLoadError;
}

async function scenarioFile(name: string, content: unknown): Promise<string> {
  await writeFile(path.join(cwd, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

describe('builtin scenarios', () => {
  it('lists the documented names', () => {
    expect(builtinScenarioNames).toEqual([
      'feature',
      'quick',
      'fail',
      'ask-twice',
      'echo',
      'login-first',
      'trust-first',
      'conflict-a',
      'conflict-b',
      'with-todo',
      'review',
    ]);
  });

  it.each(builtinScenarioNames)('%s passes its own schema and is named after its key', (name) => {
    const scenario = ScenarioSchema.parse(builtinScenarios[name]);
    expect(scenario.name).toBe(name);
  });

  it('resolves names, with feature as the default', async () => {
    expect((await loadScenario(undefined, cwd)).name).toBe('feature');
    expect((await loadScenario('  ', cwd)).name).toBe('feature');
    expect((await loadScenario('conflict-b', cwd)).name).toBe('conflict-b');
  });

  it('prefers a builtin over a file of the same name', async () => {
    await scenarioFile('quick', { name: 'impostor', steps: [] });
    expect((await loadScenario('quick', cwd)).name).toBe('quick');
  });
});

describe('scenario files', () => {
  it('loads a valid JSON file relative to the working folder', async () => {
    await mkdir(path.join(cwd, 'scenarios'));
    const steps = [
      { print: 'hi', delayMs: 10 },
      { ask: 'Go?', onNo: 'continue' },
      { flood: { bytes: 10 } },
      { exit: 4 },
    ];
    await scenarioFile('scenarios/mine.json', { name: 'mine', steps });
    expect(await loadScenario('scenarios/mine.json', cwd)).toEqual({ name: 'mine', steps });
  });

  it('names an unknown scenario and lists the builtins', async () => {
    const error = await loadError('nonexistent');
    expect(error.message).toContain('Unknown scenario "nonexistent"');
    expect(error.message).toContain('feature, quick, fail');
    expect(error.message).toContain(path.join(cwd, 'nonexistent'));
  });

  it('reports a file that is not JSON', async () => {
    const error = await loadError(await scenarioFile('broken.json', '{ "name": "x", '));
    expect(error.message).toMatch(/broken\.json is not valid JSON/);
  });

  it('names the step with an unknown action', async () => {
    const error = await loadError(
      await scenarioFile('s.json', { name: 's', steps: [{ print: 'ok' }, { prnt: 'typo' }] }),
    );
    expect(error.message).toContain('step 2 {"prnt":"typo"}: unknown step; expected one of print, write');
  });

  it('names the step and field whose option is wrong', async () => {
    const error = await loadError(
      await scenarioFile('s.json', {
        name: 's',
        steps: [{ sleep: 5 }, { sleep: 1 }, { write: { path: 'a.txt', content: 3 } }],
      }),
    );
    expect(error.message).toMatch(/step 3 .* \(write\): write\.content: /);
  });

  it('refuses an unknown extra key and two actions in one step', async () => {
    const extra = await loadError(await scenarioFile('a.json', { name: 's', steps: [{ print: 'x', delay: 5 }] }));
    expect(extra.message).toMatch(/step 1 .*\(print\): .*delay/);
    const two = await loadError(await scenarioFile('b.json', { name: 's', steps: [{ print: 'x', sleep: 5 }] }));
    expect(two.message).toContain('step 1 {"print":"x","sleep":5}: one action per step, found print and sleep');
  });

  it.each([
    ['../escape.txt', 'points outside the working folder'],
    ['/etc/passwd', 'is absolute'],
    ['C:\\Windows\\x', 'is absolute'],
  ])('refuses the path %s before running anything', async (badPath, reason) => {
    const error = await loadError(
      await scenarioFile('p.json', {
        name: 'p',
        steps: [{ print: 'first' }, { append: { path: badPath, content: 'x' } }],
      }),
    );
    expect(error.message).toContain('step 2');
    expect(error.message).toContain(reason);
  });

  it('requires a name and a steps array', () => {
    expect(() => parseScenario({ steps: [] }, 'x.json')).toThrow(/needs a non-empty "name"/);
    expect(() => parseScenario({ name: 'x', steps: {} }, 'x.json')).toThrow(/needs a "steps" array/);
    expect(() => parseScenario([1, 2], 'x.json')).toThrow(/must be a JSON object/);
    expect(() => parseScenario({ name: 'x', steps: [], extra: true }, 'x.json')).toThrow(ScenarioLoadError);
  });
});

describe('command line', () => {
  it('joins positional words into the prompt', () => {
    expect(parseCommandLine(['Add', 'a', 'login page'])).toEqual({
      scenario: undefined,
      help: false,
      prompt: 'Add a login page',
    });
  });

  it('reads --scenario in every spelling, anywhere', () => {
    expect(parseCommandLine(['--scenario', 'quick', 'do it']).scenario).toBe('quick');
    expect(parseCommandLine(['do', '--scenario=fail', 'it'])).toEqual({
      scenario: 'fail',
      help: false,
      prompt: 'do it',
    });
    expect(parseCommandLine(['-s', 'echo']).scenario).toBe('echo');
  });

  it('keeps option-looking prompt words as prompt text', () => {
    expect(parseCommandLine(['--fix', 'the', '-abc', 'tests']).prompt).toBe('--fix the -abc tests');
    expect(parseCommandLine(['-s', 'quick', '--', '--scenario', 'is', 'prompt']).prompt).toBe('--scenario is prompt');
  });

  it('recognises --help and -h', () => {
    expect(parseCommandLine(['--help']).help).toBe(true);
    expect(parseCommandLine(['-h']).help).toBe(true);
  });
});
