import { describe, expect, it } from 'vitest';
import { highlighter } from './highlighter';

describe('the diff highlighter', () => {
  it('knows plaintext, which diff2html asks for by name for any file it cannot place', () => {
    expect(highlighter.getLanguage('plaintext')).toBeDefined();
    expect(highlighter.highlight('const a = 1;', { language: 'typescript' }).value).toContain('hljs-keyword');
  });
});
