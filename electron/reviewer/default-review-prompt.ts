/**
 * What a reviewer agent is asked, unless the project has its own (Settings → reviewer prompt).
 * The brief and the diff follow it (review-prompt.ts). Findings come back as JSON lines, so they
 * can become comments on the right lines; anything else it prints is kept as a note.
 */
export const defaultReviewPrompt = `You are reviewing another agent's branch before it is merged. Do not change any file.
Read the brief and the diff below (you may read the files in this folder for context) and report what a careful
reviewer would: bugs, missing cases, security problems, work the brief asked for but is not done, left-over debug code.

Print each finding on its own line as one JSON object, nothing else on that line:
{"severity":"blocking|warning|note","path":"<file as in the diff>","line":<line number in the new version>,"message":"<what is wrong and what to do>"}
- blocking: must be fixed before merging; warning: should be fixed; note: worth knowing.
- path and line must point at a line of the diff (an added or context line of the new version).
Print nothing else, or keep other remarks short: they are shown to the dispatcher as a note.`;
