import type { VerificationView } from '../../shared/contract/review';
import type { VerificationRun } from '../../shared/review-verification';

/** The review service's verification, as Verify all uses it: runs recorded per commit, as from the review pane. */
export interface VerificationRunner {
  verificationView(threadId: string): Promise<VerificationView>;
  runVerification(threadId: string, index: number): Promise<VerificationRun>;
}

const pollMs = 100;

async function finished(review: VerificationRunner, threadId: string, runId: string): Promise<void> {
  for (;;) {
    const run = (await review.verificationView(threadId)).runs.find((r) => r.id === runId);
    if (!run || run.state !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Runs every verification command of one attempt's brief, one after the other (the review runs one
 * at a time per thread), each waited for. A command that cannot start (one already running from
 * the review pane) is skipped; its result stays what the pane records.
 */
export async function verifyAttempt(
  review: VerificationRunner,
  threadId: string,
  log: (m: string) => void,
): Promise<void> {
  const { commands } = await review.verificationView(threadId);
  for (const index of commands.keys()) {
    try {
      const run = await review.runVerification(threadId, index);
      await finished(review, threadId, run.id);
    } catch (error) {
      log(`[switchyard] attempts: verification ${index + 1} of ${threadId} did not run: ${(error as Error).message}`);
    }
  }
}
