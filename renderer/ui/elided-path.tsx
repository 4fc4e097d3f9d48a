/**
 * A path shown elided in the middle: the folders give way first ("/home/me/…/"), the last part
 * (the name the dispatcher recognises) last. The whole path is in the tooltip.
 */
export function ElidedPath({ path }: { path: string }) {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  const head = cut > 0 ? path.slice(0, cut + 1) : '';
  const tail = cut > 0 ? path.slice(cut + 1) : path;
  return (
    <span className="elided-path mono" title={path}>
      {head && <span className="elided-path-head">{head}</span>}
      <span className="elided-path-tail">{tail}</span>
    </span>
  );
}
