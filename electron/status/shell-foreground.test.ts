import { describe, expect, it } from 'vitest';
import { shellForeground } from './shell-foreground';

describe('shellForeground', () => {
  it('reads the shell itself as the shell, whatever path or login dash it was started with', () => {
    expect(shellForeground('/bin/bash', '/bin/bash')).toEqual({ kind: 'shell' });
    expect(shellForeground('/usr/bin/zsh', '-zsh')).toEqual({ kind: 'shell' });
    expect(shellForeground('bash', '/usr/local/bin/bash')).toEqual({ kind: 'shell' });
  });

  it('names any other foreground program by its base name', () => {
    expect(shellForeground('/bin/bash', 'sleep')).toEqual({ kind: 'program', name: 'sleep' });
    expect(shellForeground('/bin/bash', '/usr/bin/python3 -u build.py')).toEqual({ kind: 'program', name: 'python3' });
    expect(shellForeground('/bin/zsh', '/bin/bash')).toEqual({ kind: 'program', name: 'bash' });
  });

  it('says nothing when the terminal cannot tell', () => {
    expect(shellForeground('/bin/bash', null)).toBeNull();
    expect(shellForeground('/bin/bash', '   ')).toBeNull();
  });
});
