import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ElidedPath } from './elided-path';

describe('ElidedPath', () => {
  it('splits the folders (which elide first) from the last part, with the whole path as tooltip', () => {
    const html = renderToStaticMarkup(<ElidedPath path="/home/me/code/shop" />);
    expect(html).toContain('title="/home/me/code/shop"');
    expect(html).toContain('<span class="elided-path-head">/home/me/code/</span>');
    expect(html).toContain('<span class="elided-path-tail">shop</span>');
  });

  it('keeps a path with no folder whole in the tail, and takes another tooltip when given', () => {
    const html = renderToStaticMarkup(<ElidedPath path="shop" title="/somewhere/shop" />);
    expect(html).not.toContain('elided-path-head');
    expect(html).toContain('<span class="elided-path-tail">shop</span>');
    expect(html).toContain('title="/somewhere/shop"');
  });
});
