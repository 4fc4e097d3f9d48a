/**
 * A path shown elided in the middle: the folders give way first ("/home/me/…/"), the last part
 * (the name the dispatcher recognises) last. The whole path (or `title`) is in the tooltip.
 */
export function ElidedPath({ path, title = path }: { path: string; title?: string }) {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  const head = cut > 0 ? path.slice(0, cut + 1) : '';
  const tail = cut > 0 ? path.slice(cut + 1) : path;
  return (
    <span className="elided-path mono" title={title}>
      {head && <span className="elided-path-head">{head}</span>}
      <span className="elided-path-tail">{tail}</span>
    </span>
  );
}
