import { describe, expect, it } from 'vitest';
import type { ReviewerRun } from '../../shared/contract/reviewer';
import { reviewerStatusText } from './reviewer-status-text';

const run = (overrides: Partial<ReviewerRun>): ReviewerRun => ({
  runId: 'r',
  threadId: 't',
  projectId: 'p',
  profileId: 'demo',
  profileLabel: 'Demo agent (scripted)',
  commit: 'abc',
  state: 'done',
  startedAt: '',
  endedAt: '',
  output: '',
  outputTruncated: false,
  comments: 3,
  blocking: 1,
  unparsed: 1,
  replaced: 0,
  exitCode: 0,
  error: null,
  ...overrides,
});

describe('the reviewer status line', () => {
  it('says what a run left, and how many earlier drafts it replaced', () => {
    expect(reviewerStatusText(run({}))).toBe('Review by Demo agent (scripted) finished: 3 comments, 1 blocking');
    expect(reviewerStatusText(run({ replaced: 2 }))).toBe(
      'Review by Demo agent (scripted) finished: 3 comments, 1 blocking; replaced 2 drafts from the earlier review',
    );
    expect(reviewerStatusText(run({ replaced: 1, comments: 1, state: 'failed', error: 'exit 3' }))).toBe(
      'Review by Demo agent (scripted) failed: 1 comment, 1 blocking; replaced 1 draft from the earlier review (exit 3)',
    );
    expect(reviewerStatusText(run({ state: 'running' }))).toBe('Review by Demo agent (scripted) running…');
  });
});
