import { describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import {
  type Command,
  filterCommands,
  formatHint,
  formatShortcut,
  fuzzyScore,
  matchesShortcut,
  nextThreadNeedingMe,
} from './command-registry';

const command = (id: string, title: string, extra: Partial<Command> = {}): Command => ({
  id,
  title,
  group: 'action',
  enabled: true,
  run: () => undefined,
  ...extra,
});

const thread = (id: string, status: Thread['status'], archived = false) =>
  ({ id, name: id, status, archived }) as Thread;

describe('fuzzyScore', () => {
  it('matches characters in order, anywhere', () => {
    expect(fuzzyScore('mq', 'Open the merge queue')).not.toBeNull();
    expect(fuzzyScore('qm', 'Open the merge queue')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  it('prefers a substring and word starts over scattered letters', () => {
    expect(fuzzyScore('readme', 'Polish README')!).toBeGreaterThan(fuzzyScore('readme', 'Run each add me')!);
    expect(fuzzyScore('gn', 'Greeting notes')!).toBeGreaterThan(fuzzyScore('gn', 'Biggins')!);
  });

  it('ignores case and spaces in the query', () => {
    expect(fuzzyScore('ADD greet', 'Add greeting notes')).not.toBeNull();
  });
});

describe('filterCommands', () => {
  const commands = [
    command('new', 'New thread…'),
    command('queue', 'Open the merge queue'),
    command('settings', 'Settings', { keywords: 'preferences' }),
    command('t1', 'Polish README', { group: 'thread', keywords: 'switchyard/polish-readme' }),
  ];

  it('keeps the registry order for an empty query', () => {
    expect(filterCommands(commands, '  ').map((c) => c.id)).toEqual(['new', 'queue', 'settings', 't1']);
  });

  it('puts the best match first and drops non-matches', () => {
    expect(filterCommands(commands, 'polish').map((c) => c.id)).toEqual(['t1']);
    expect(filterCommands(commands, 'merge').map((c) => c.id)[0]).toBe('queue');
  });

  it('matches keywords as well as titles', () => {
    expect(filterCommands(commands, 'prefer').map((c) => c.id)).toEqual(['settings']);
  });
});

describe('shortcuts', () => {
  const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });

  it('reads Ctrl on other systems and ⌘ on a Mac', () => {
    expect(formatShortcut({ key: 'k', mod: true }, false)).toBe('Ctrl+K');
    expect(formatShortcut({ key: 'k', mod: true }, true)).toBe('⌘K');
    expect(formatShortcut({ key: '?' }, false)).toBe('?');
  });

  it('matches the platform modifier only', () => {
    expect(matchesShortcut(key('k', { ctrlKey: true }), { key: 'k', mod: true }, false)).toBe(true);
    expect(matchesShortcut(key('K', { ctrlKey: true }), { key: 'k', mod: true }, false)).toBe(true);
    expect(matchesShortcut(key('k', { metaKey: true }), { key: 'k', mod: true }, false)).toBe(false);
    expect(matchesShortcut(key('k', { metaKey: true }), { key: 'k', mod: true }, true)).toBe(true);
    expect(matchesShortcut(key('k'), { key: 'k', mod: true }, false)).toBe(false);
    expect(matchesShortcut(key('k', { ctrlKey: true, altKey: true }), { key: 'k', mod: true }, false)).toBe(false);
  });

  it('in a browser tab, also takes Alt for the keys the browser keeps (Ctrl+N, Ctrl+1…9); Electron does not', () => {
    const newThread = { key: 'n', mod: true, altInBrowser: true };
    const second = { key: '2', mod: true, altInBrowser: true };
    const altN = { ...key('n', { altKey: true }), code: 'KeyN' };
    // On a Mac, Option+2 types "™": the physical key is what counts.
    const alt2 = { ...key('™', { altKey: true }), code: 'Digit2' };
    expect(matchesShortcut(altN, newThread, false, true)).toBe(true);
    expect(matchesShortcut(alt2, second, true, true)).toBe(true);
    expect(matchesShortcut(key('n', { ctrlKey: true }), newThread, false, true)).toBe(true);
    expect(matchesShortcut(altN, newThread, false, false)).toBe(false);
    expect(matchesShortcut(altN, { key: 'k', mod: true, altInBrowser: true }, false, true)).toBe(false);
    expect(matchesShortcut({ ...key('k', { altKey: true }), code: 'KeyK' }, { key: 'k', mod: true }, false, true)).toBe(
      false,
    );
    expect(matchesShortcut({ ...altN, ctrlKey: true }, newThread, false, true)).toBe(false);
    expect(formatShortcut(newThread, false, true)).toBe('Ctrl+N / Alt+N');
    expect(formatShortcut(newThread, true, true)).toBe('⌘N / ⌥N');
    expect(formatShortcut(newThread, false, false)).toBe('Ctrl+N');
    expect(formatHint('mod+1…9', false, true)).toBe('Ctrl+1…9 / Alt+1…9');
    expect(formatHint('mod+1…9', false, false)).toBe('Ctrl+1…9');
  });

  it('does not take a modified key for a plain one', () => {
    expect(matchesShortcut(key('?'), { key: '?' }, false)).toBe(true);
    expect(matchesShortcut(key('?', { ctrlKey: true }), { key: '?' }, false)).toBe(false);
  });
});

describe('nextThreadNeedingMe', () => {
  const threads = [
    thread('a', 'working'),
    thread('b', 'needs-input'),
    thread('c', 'done'),
    thread('d', 'failed'),
    thread('e', 'needs-input', true),
  ];

  it('goes to the next waiting or failed thread after the selected one, wrapping around', () => {
    expect(nextThreadNeedingMe(threads, 'a')?.id).toBe('b');
    expect(nextThreadNeedingMe(threads, 'b')?.id).toBe('d');
    expect(nextThreadNeedingMe(threads, 'd')?.id).toBe('b');
  });

  it('starts from the top with nothing selected, and skips archived threads', () => {
    expect(nextThreadNeedingMe(threads, null)?.id).toBe('b');
    expect(nextThreadNeedingMe([thread('e', 'needs-input', true)], null)).toBeNull();
  });

  it('has nowhere to go when the selected thread is the only one waiting', () => {
    expect(nextThreadNeedingMe([thread('a', 'working'), thread('b', 'needs-input')], 'b')).toBeNull();
  });
});
