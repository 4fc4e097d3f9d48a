import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewComment } from '../../shared/review-comments';
import { makeTempDir } from '../test-support/temp-repo';
import { CommentBook } from './comment-book';
import { ReviewFile } from './review-file';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let book: CommentBook;
let file: ReviewFile;
const delivered: string[] = [];

beforeEach(async () => {
  temp = await makeTempDir('comment-book-');
  file = await ReviewFile.open(temp.dir);
  delivered.length = 0;
  book = new CommentBook(
    file,
    (_threadId, message) => delivered.push(message),
    () => undefined,
  );
});

afterEach(async () => {
  await file.flush();
  await temp.cleanup();
});

/** A reviewer run's finding on line `line` of src/a.js, as findings-to-comments makes it. */
function finding(runId: string, line: number): ReviewComment {
  return {
    id: `${runId}-${line}`,
    threadId: 't1',
    path: 'src/a.js',
    section: 'committed',
    side: 'new',
    startLine: line,
    endLine: line,
    quote: ['x'],
    body: `finding ${line} of ${runId}`,
    state: 'draft',
    commit: 'abc',
    createdAt: new Date().toISOString(),
    sentAt: null,
    resolvedAt: null,
    author: { kind: 'reviewer', profileId: 'demo', runId },
    severity: 'blocking',
  };
}

const ids = () => book.list('t1').map((c) => `${c.id}:${c.state}`);

describe("a reviewer run's comments", () => {
  it("replace earlier runs' untouched drafts, never sent, resolved or edited ones", async () => {
    await book.addReviewerRun('t1', 'r1', [finding('r1', 1), finding('r1', 2)]);
    await book.sendDrafts('t1');
    await book.resolve('t1', 'r1-2', true);
    expect(await book.addReviewerRun('t1', 'r2', [finding('r2', 3), finding('r2', 4)])).toEqual({ replaced: 0 });
    await book.edit('t1', 'r2-4', 'Kept: I reworded it.');

    expect(await book.addReviewerRun('t1', 'r3', [finding('r3', 5)])).toEqual({ replaced: 1 });
    expect(ids()).toEqual(['r1-1:sent', 'r1-2:resolved', 'r2-4:draft', 'r3-5:draft']);
    expect(book.list('t1').find((c) => c.id === 'r2-4')?.editedAt).toEqual(expect.any(String));

    // A run that found nothing clears the previous run's untouched findings too.
    expect(await book.addReviewerRun('t1', 'r4', [])).toEqual({ replaced: 1 });
    expect(ids()).toEqual(['r1-1:sent', 'r1-2:resolved', 'r2-4:draft']);
    // Written to review.json, not only kept in memory.
    await file.flush();
    const reopened = await ReviewFile.open(temp.dir);
    expect(reopened.comments('t1').map((c) => c.id)).toEqual(['r1-1', 'r1-2', 'r2-4']);
  });

  it("leave the dispatcher's own drafts alone", async () => {
    const own = await book.add(
      {
        threadId: 't1',
        path: 'src/a.js',
        section: 'committed',
        side: 'new',
        startLine: 9,
        endLine: 9,
        quote: [],
        body: 'mine',
      },
      'abc',
    );
    await book.addReviewerRun('t1', 'r1', [finding('r1', 1)]);
    expect(await book.addReviewerRun('t1', 'r2', [finding('r2', 1)])).toEqual({ replaced: 1 });
    expect(book.list('t1').map((c) => c.id)).toEqual(['r2-1', own.id]);
  });
});
