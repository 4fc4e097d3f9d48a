import type { MergeRecord } from '../../shared/models';
import type { ReviewSummary } from '../../shared/review';
import { mergedLabel } from './format';
import { plural } from '../../shared/plural';

const marks: Record<string, string> = { true: '✓', false: '⚠', pending: '…', unchecked: '–' };

/** The branch against its brief at a glance: scope, forbidden paths, hazards, changelog, base. */
export function ChecksSummary({ summary, merged = null }: { summary: ReviewSummary; merged?: MergeRecord | null }) {
  const { checks } = summary;
  const pending = summary.detailsPending;
  // Merged and nothing new since: the base is ahead by the merge itself, which is no warning.
  const landed = merged !== null && summary.files.length === 0 ? merged : null;
  // null: not known yet (the details of the summary are still on their way); 'unchecked': there
  // was nothing to check against (no brief, or a brief naming no owned paths) — not a pass.
  const items: Array<{ ok: boolean | null | 'unchecked'; text: string; detail?: string; id: string }> = [
    {
      id: 'scope',
      ok: !checks.hasBrief || checks.ownedPaths.length === 0 ? 'unchecked' : checks.outsideOwned.length === 0,
      text: !checks.hasBrief
        ? 'No brief: scope not checked'
        : checks.ownedPaths.length === 0
          ? 'The brief names no owned paths'
          : checks.outsideOwned.length === 0
            ? 'All files within the owned paths'
            : `${plural(checks.outsideOwned.length, 'file')} outside the owned paths`,
      detail: checks.outsideOwned.join('\n'),
    },
    {
      id: 'forbidden',
      ok:
        checks.forbidden.length > 0
          ? false
          : !checks.hasBrief || checks.forbiddenPaths.length === 0
            ? 'unchecked'
            : true,
      text:
        checks.forbidden.length > 0
          ? `${plural(checks.forbidden.length, 'file')} on the must-not-edit list`
          : !checks.hasBrief
            ? 'No brief: must-not-edit paths not checked'
            : checks.forbiddenPaths.length === 0
              ? 'The brief names no must-not-edit paths'
              : 'No must-not-edit file touched',
      detail: checks.forbidden.map((f) => `${f.path} (${f.pattern})`).join('\n'),
    },
    {
      id: 'hazards',
      ok: checks.hazards.length === 0,
      text:
        checks.hazards.length === 0
          ? 'No hazard files'
          : `${plural(checks.hazards.length, 'hazard file')} (lockfiles, migrations, config…)`,
      detail: checks.hazards.map((f) => `${f.path} (${f.pattern})`).join('\n'),
    },
    {
      id: 'changelog',
      ok: pending ? null : checks.changelog.nonEmpty,
      text: pending
        ? `Looking for the changelog fragment ${checks.changelog.path}…`
        : !checks.changelog.exists
          ? `No changelog fragment at ${checks.changelog.path}`
          : !checks.changelog.nonEmpty
            ? `The changelog fragment ${checks.changelog.path} is empty`
            : `Changelog fragment ${checks.changelog.path}${checks.changelog.committed ? '' : ' (not committed yet)'}`,
    },
    {
      id: 'behind',
      ok: landed !== null ? true : pending ? null : summary.behind === 0,
      text: landed
        ? mergedLabel(landed)
        : pending
          ? `Comparing with ${summary.baseBranch}…`
          : summary.behind === 0
            ? `Up to date with ${summary.baseBranch}`
            : `${plural(summary.behind, 'commit')} behind ${summary.baseBranch}`,
    },
  ];
  return (
    <ul className="review-checks" data-testid="review-checks">
      {items.map((item) => (
        <li
          key={item.id}
          className={item.ok === null || item.ok === 'unchecked' ? 'muted' : item.ok ? 'check-ok' : 'check-warn'}
          data-testid={`check-${item.id}`}
          data-ok={item.ok ?? 'pending'}
          title={item.detail || undefined}
        >
          <span aria-hidden="true">{marks[String(item.ok ?? 'pending')]}</span> {item.text}
        </li>
      ))}
    </ul>
  );
}
