import { describe, expect, it } from 'vitest';
import type { ReviewDecision } from '../../shared/review-decision';
import { type MergeFacts, mergeIsPrimary, mergeWarnings } from './merge-readiness';

const unreviewed: ReviewDecision = { state: 'unreviewed', commit: null, at: null };
const approved: ReviewDecision = { state: 'approved', commit: 'abcdef1234567', at: '2026-12-04T10:00:00Z' };

function facts(overrides: Partial<MergeFacts> = {}): MergeFacts {
  return {
    review: approved,
    status: 'done',
    approvalStale: false,
    queuedOthers: 0,
    inQueue: false,
    uncommittedFiles: 0,
    ...overrides,
  };
}

const textOf = (warnings: ReturnType<typeof mergeWarnings>, id: string) => warnings.find((w) => w.id === id)?.text;

describe('the Merge button', () => {
  it('is primary only for a branch approved on its current tip', () => {
    expect(mergeIsPrimary(approved, false)).toBe(true);
    expect(mergeIsPrimary(approved, null)).toBe(true);
    expect(mergeIsPrimary(approved, true)).toBe(false);
    expect(mergeIsPrimary(unreviewed, false)).toBe(false);
    expect(mergeIsPrimary({ ...approved, state: 'changes-requested' }, false)).toBe(false);
    expect(mergeIsPrimary({ ...approved, state: 'rejected' }, false)).toBe(false);
  });
});

describe('the merge confirmation', () => {
  it('says an unreviewed branch is not reviewed, and that the queue check is skipped', () => {
    const warnings = mergeWarnings(facts({ review: unreviewed }));
    expect(textOf(warnings, 'review')).toBe('This branch is not reviewed.');
    expect(textOf(warnings, 'queue')).toBe(
      "Merging here skips the merge queue's conflict check against other queued branches.",
    );
    expect(warnings[0]?.id).toBe('review');
  });

  it('says an approval on an older commit is stale, naming that commit', () => {
    expect(textOf(mergeWarnings(facts({ approvalStale: true })), 'review')).toBe(
      'This branch was approved on an older commit (abcdef1); it has new commits since.',
    );
  });

  it('says nothing about the review of a branch approved on its tip, but still about the queue', () => {
    const warnings = mergeWarnings(facts());
    expect(warnings.map((w) => w.id)).toEqual(['queue']);
  });

  it('names requested changes and rejections as not approved', () => {
    expect(textOf(mergeWarnings(facts({ review: { ...approved, state: 'changes-requested' } })), 'review')).toMatch(
      /not approved: changes were requested/,
    );
    expect(textOf(mergeWarnings(facts({ review: { ...approved, state: 'rejected' } })), 'review')).toMatch(
      /not approved: its review rejected it/,
    );
  });

  it('says the agent is still working or waiting for input while it runs', () => {
    for (const status of ['working', 'needs-input', 'idle', 'starting', 'queued'] as const) {
      expect(textOf(mergeWarnings(facts({ status })), 'agent')).toMatch(
        /^The agent is still working or waiting for input/,
      );
    }
    for (const status of ['done', 'failed', 'stopped'] as const) {
      expect(textOf(mergeWarnings(facts({ status })), 'agent')).toBeUndefined();
    }
  });

  it('suggests the queue when other branches are queued, with the plural right', () => {
    expect(textOf(mergeWarnings(facts({ queuedOthers: 1 })), 'queue')).toContain(
      '1 other branch is queued in this project: add this one to the queue instead',
    );
    expect(textOf(mergeWarnings(facts({ queuedOthers: 3, inQueue: true })), 'queue')).toContain(
      '3 other branches are queued in this project: land this one from the queue instead',
    );
  });

  it('words uncommitted files as something to commit or discard, singular and plural', () => {
    expect(textOf(mergeWarnings(facts({ uncommittedFiles: 1 })), 'uncommitted')).toBe(
      '1 uncommitted file — commit or discard it; it is not part of the merge.',
    );
    expect(textOf(mergeWarnings(facts({ uncommittedFiles: 2 })), 'uncommitted')).toBe(
      '2 uncommitted files — commit or discard them; they are not part of the merge.',
    );
    expect(textOf(mergeWarnings(facts({ uncommittedFiles: null })), 'uncommitted')).toBeUndefined();
    for (const n of [1, 2]) {
      expect(textOf(mergeWarnings(facts({ uncommittedFiles: n })), 'uncommitted')).not.toMatch(/merge it first/i);
    }
  });
});
