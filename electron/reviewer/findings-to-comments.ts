import { randomUUID } from 'node:crypto';
import type { ReviewComment } from '../../shared/review-comments';
import type { DiffLines } from './diff-lines';
import type { ParsedOutput } from './parse-findings';

/** The general note holds at most this much of the output that was not a finding. */
const maxNoteChars = 8_000;

export interface FindingsSource {
  readonly threadId: string;
  readonly profileId: string;
  readonly profileLabel: string;
  readonly runId: string;
  readonly commit: string;
}

/**
 * A reviewer's parsed output as draft review comments: one per finding, on its line of the
 * committed diff (quoting it), and one general note (no path) with every line that was not a
 * finding, so nothing it said is lost.
 */
export function findingsToComments(parsed: ParsedOutput, lines: DiffLines, source: FindingsSource): ReviewComment[] {
  const createdAt = new Date().toISOString();
  const author = { kind: 'reviewer' as const, profileId: source.profileId, runId: source.runId };
  const base = {
    threadId: source.threadId,
    section: 'committed' as const,
    side: 'new' as const,
    state: 'draft' as const,
    commit: source.commit,
    createdAt,
    sentAt: null,
    resolvedAt: null,
    author,
  };
  const comments: ReviewComment[] = parsed.findings.map((finding) => ({
    ...base,
    id: randomUUID(),
    path: finding.path,
    startLine: finding.line,
    endLine: finding.line,
    quote: [lines.get(finding.path)?.get(finding.line) ?? ''],
    body: finding.message,
    severity: finding.severity,
  }));
  if (parsed.leftovers.length > 0) {
    let text = parsed.leftovers.join('\n');
    if (text.length > maxNoteChars) text = `${text.slice(0, maxNoteChars)}\n[… more in the run's output …]`;
    comments.push({
      ...base,
      id: randomUUID(),
      path: '',
      startLine: 1,
      endLine: 1,
      quote: [],
      body: `${source.profileLabel} also said (not a finding on a line of the diff):\n${text}`,
      severity: 'note',
    });
  }
  return comments;
}
