import type { DiffFile, ThreadDiff } from '../../shared/models';
import type { DiffLayout } from '../diff/render-diff';
import { DiffFileList } from './diff-file-list';
import { DiffSection } from './diff-section';

interface DiffContentProps {
  diff: ThreadDiff;
  layout: DiffLayout;
  onOpenFile(file: DiffFile): void;
}

/** A loaded diff: commits, file list, then the committed and uncommitted halves rendered apart. */
export function DiffContent({ diff, layout, onOpenFile }: DiffContentProps) {
  const empty =
    diff.files.length === 0 && diff.commits.length === 0 && !diff.committed.trim() && !diff.uncommitted.trim();
  if (empty) {
    return (
      <p className="pane-message muted" data-testid="diff-empty">
        No changes yet
      </p>
    );
  }
  const uncommittedCount = diff.files.filter((f) => f.source === 'uncommitted').length;
  return (
    <>
      {diff.commits.length > 0 && (
        <section className="diff-block">
          <h3 className="diff-section-title">Commits</h3>
          <ul className="commit-list" data-testid="diff-commits">
            {diff.commits.map((commit) => (
              <li key={commit.sha} data-testid="diff-commit">
                <span className="mono commit-sha">{commit.sha.slice(0, 7)}</span>
                <span className="truncate">{commit.subject}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.files.length > 0 && (
        <section className="diff-block">
          <h3 className="diff-section-title">Files</h3>
          <DiffFileList files={diff.files} onOpen={onOpenFile} />
        </section>
      )}
      {uncommittedCount > 0 && (
        <p className="callout" data-testid="diff-uncommitted-note">
          {uncommittedCount} file{uncommittedCount === 1 ? ' has' : 's have'} uncommitted changes in the worktree.
          Merging only takes what is committed on the branch.
        </p>
      )}
      <DiffSection
        source="committed"
        title="Committed"
        subtitle={`on the branch since ${diff.baseBranch}`}
        unifiedDiff={diff.committed}
        layout={layout}
      />
      <DiffSection
        source="uncommitted"
        title="Uncommitted"
        subtitle="in the worktree, not yet committed"
        unifiedDiff={diff.uncommitted}
        layout={layout}
      />
    </>
  );
}
