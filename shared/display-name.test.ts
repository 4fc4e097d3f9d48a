import { describe, expect, it } from 'vitest';
import { nameSchema, printableName, unprintableNameMessage } from './display-name';

describe('nameSchema', () => {
  const schema = nameSchema(20);

  it('takes ordinary names, trimmed, in any script', () => {
    expect(schema.parse('  Fix login  ')).toBe('Fix login');
    expect(schema.parse('修正 — émoji 🚀')).toBe('修正 — émoji 🚀');
  });

  it.each([
    ['an escape sequence', 'evil\u001b[2J'],
    ['a carriage return', 'ok\rgone'],
    ['a line break', 'two\nrows'],
    ['a tab', 'a\tb'],
    ['NUL', 'a\u0000b'],
    ['DEL', 'a\u007fb'],
    ['a C1 control (CSI)', 'a\u009bb'],
    ['a right-to-left override', 'abc\u202Etxt.exe'],
    ['a bidi isolate', 'a\u2066b'],
  ])('refuses %s with a message that says why', (_what, name) => {
    const result = schema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(unprintableNameMessage);
  });

  it('still refuses empty and over-long names', () => {
    expect(schema.safeParse('   ').success).toBe(false);
    expect(schema.safeParse('x'.repeat(21)).success).toBe(false);
  });
});

describe('printableName', () => {
  it('replaces what a terminal would act on, and leaves the rest', () => {
    expect(printableName('evil\u001b[2J\r\nname\u202E')).toBe('evil\uFFFD[2J\uFFFD\uFFFDname\uFFFD');
    expect(printableName('Fix login 🚀')).toBe('Fix login 🚀');
  });
});
