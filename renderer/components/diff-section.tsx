import { useMemo, useState } from 'react';
import { fileAnchorId, largeDiffChars, renderDiffFiles, type DiffLayout } from '../diff/render-diff';

interface DiffSectionProps {
  source: 'committed' | 'uncommitted';
  title: string;
  subtitle: string;
  unifiedDiff: string;
  layout: DiffLayout;
}

/** One half of a thread's diff (committed on the branch, or still uncommitted in the worktree). */
export function DiffSection({ source, title, subtitle, unifiedDiff, layout }: DiffSectionProps) {
  const tooLarge = unifiedDiff.length > largeDiffChars;
  const [renderLarge, setRenderLarge] = useState(false);
  const shouldRender = !tooLarge || renderLarge;
  const files = useMemo(
    () => (shouldRender ? renderDiffFiles(unifiedDiff, layout) : []),
    [shouldRender, unifiedDiff, layout],
  );

  if (!unifiedDiff.trim()) return null;
  return (
    <section className="diff-section" data-testid={`diff-${source}`}>
      <h3 className="diff-section-title">
        {title} <span className="muted">{subtitle}</span>
      </h3>
      {!shouldRender ? (
        <div className="diff-large">
          <p>
            This diff is large ({(unifiedDiff.length / 1_000_000).toFixed(1)} MB of text); rendering it may take a
            while.
          </p>
          <button
            type="button"
            className="button"
            data-testid="diff-render-anyway"
            onClick={() => setRenderLarge(true)}
          >
            Render anyway
          </button>
        </div>
      ) : (
        files.map((file, index) => (
          <div
            key={`${file.path}:${index}`}
            id={fileAnchorId(source, file.path)}
            className="diff-file-render"
            // diff2html escapes all diff content; no raw agent text reaches innerHTML.
            dangerouslySetInnerHTML={{ __html: file.html }}
          />
        ))
      )}
    </section>
  );
}
