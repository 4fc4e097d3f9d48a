import type { reviewContract } from '../../../shared/contract/review';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** Review pane channels → ReviewService. Requests arrive validated by the request router. */
export function reviewHandlers({ review }: HandlerDeps): HandlersOf<typeof reviewContract> {
  return {
    'review.summary': ({ threadId, detailsLater }) => review.summary(threadId, { detailsLater }),
    'review.details': ({ threadId, revision }) => review.details(threadId, revision),
    'review.file': (request) => review.file(request),
    'review.watch': ({ threadId }, client) => review.watch(threadId, client),
    'review.unwatch': ({ threadId }, client) => review.unwatch(threadId, client),
    'review.comments.list': ({ threadId }) => review.listComments(threadId),
    'review.comments.add': (request) => review.addComment(request),
    'review.comments.edit': ({ threadId, commentId, body }) => review.editComment(threadId, commentId, body),
    'review.comments.delete': async ({ threadId, commentId }) => ({
      deleted: await review.deleteComment(threadId, commentId),
    }),
    'review.comments.resolve': ({ threadId, commentId, resolved }) =>
      review.resolveComment(threadId, commentId, resolved),
    'review.comments.send': ({ threadId }) => review.sendComments(threadId),
    'review.viewed.list': ({ threadId }) => review.viewedFiles(threadId),
    'review.viewed.set': ({ threadId, fileId, version, viewed }) => review.setViewed(threadId, fileId, version, viewed),
    'review.verification.list': ({ threadId }) => review.verificationView(threadId),
    'review.verification.run': ({ threadId, index }) => review.runVerification(threadId, index),
    'review.verification.cancel': ({ threadId, runId }) => ({ cancelled: review.cancelVerification(threadId, runId) }),
    'review.decide': ({ threadId, decision }) => review.decide(threadId, decision),
    'review.settings.get': ({ projectId }) => review.settings(projectId),
    'review.settings.set': ({ projectId, hazardPatterns, verificationShell }) =>
      review.setSettings(projectId, { hazardPatterns, verificationShell }),
  };
}
