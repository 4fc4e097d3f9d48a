import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReviewSummary } from '../../shared/review';
import { ChecksSummary } from './checks-summary';

function summaryWith(checks: Partial<ReviewSummary['checks']>): ReviewSummary {
  return {
    threadId: 't',
    baseBranch: 'main',
    mergeBase: 'a',
    head: 'b',
    revision: 'r',
    behind: 0,
    ahead: 1,
    commits: [],
    commitsTruncated: false,
    stat: { files: 1, added: 1, removed: 0 },
    files: [],
    detailsPending: false,
    filesOmitted: 0,
    checks: {
      hasBrief: true,
      ownedPaths: ['src/'],
      forbiddenPaths: ['package-lock.json'],
      outsideOwned: [],
      forbidden: [],
      hazards: [],
      changelog: { path: 'CHANGELOG-x.md', exists: true, nonEmpty: true, committed: true },
      ...checks,
    } as ReviewSummary['checks'],
    approvalStale: false,
    computedAt: '2026-12-04T00:00:00Z',
  };
}

function itemOf(html: string, id: string): string {
  return new RegExp(`<li[^>]*data-testid="check-${id}"[^>]*>.*?</li>`).exec(html)?.[0] ?? '';
}
const scopeItem = (html: string) => itemOf(html, 'scope');

describe('the checks against the brief', () => {
  it('shows a scope nobody could check (no brief) as neutral, not as a pass', () => {
    const item = scopeItem(
      renderToStaticMarkup(<ChecksSummary summary={summaryWith({ hasBrief: false, ownedPaths: [] })} />),
    );
    expect(item).toContain('data-ok="unchecked"');
    expect(item).toContain('class="muted"');
    expect(item).not.toContain('✓');
    expect(item).toContain('No brief: scope not checked');
  });

  it('shows the must-not-edit check neutral without a brief or a list, a pass with one', () => {
    const without = renderToStaticMarkup(
      <ChecksSummary summary={summaryWith({ hasBrief: false, forbiddenPaths: [] })} />,
    );
    expect(itemOf(without, 'forbidden')).toContain('data-ok="unchecked"');
    const noList = renderToStaticMarkup(<ChecksSummary summary={summaryWith({ forbiddenPaths: [] })} />);
    expect(itemOf(noList, 'forbidden')).toContain('data-ok="unchecked"');
    const kept = renderToStaticMarkup(<ChecksSummary summary={summaryWith({})} />);
    expect(itemOf(kept, 'forbidden')).toContain('data-ok="true"');
    const touched = renderToStaticMarkup(
      <ChecksSummary
        summary={summaryWith({ forbidden: [{ path: 'package-lock.json', pattern: 'package-lock.json' }] })}
      />,
    );
    expect(itemOf(touched, 'forbidden')).toContain('data-ok="false"');
  });

  it('shows a brief naming no owned paths as neutral too', () => {
    const item = scopeItem(renderToStaticMarkup(<ChecksSummary summary={summaryWith({ ownedPaths: [] })} />));
    expect(item).toContain('data-ok="unchecked"');
  });

  it('passes a scope the brief names and the files keep to', () => {
    const item = scopeItem(renderToStaticMarkup(<ChecksSummary summary={summaryWith({})} />));
    expect(item).toContain('data-ok="true"');
    expect(item).toContain('class="check-ok"');
    expect(item).toContain('✓');
  });

  it('shows a merged branch with nothing new as merged at its commit, not as behind its base', () => {
    const merged = { into: 'main', commit: '0123456789abcdef', at: '2026-12-04T16:00:00Z' };
    const behind = { ...summaryWith({}), behind: 3, ahead: 0, files: [] };
    const item = itemOf(renderToStaticMarkup(<ChecksSummary summary={behind} merged={merged} />), 'behind');
    expect(item).toContain('Merged into main at 0123456');
    expect(item).toContain('data-ok="true"');
    expect(item).not.toContain('behind main');
    const unmerged = itemOf(renderToStaticMarkup(<ChecksSummary summary={behind} />), 'behind');
    expect(unmerged).toContain('3 commits behind main');
  });
});
