import { z } from 'zod';

/**
 * The files of a thread's review the dispatcher marked as viewed: file id → the file's `version`
 * when it was marked. A file whose version has moved on since is "changed since viewed".
 */
export const ViewedFilesSchema = z.record(z.string(), z.string());
export type ViewedFiles = z.infer<typeof ViewedFilesSchema>;

/** Whether a file of the summary counts as viewed now, and whether it changed after it was. */
export function viewedState(
  viewed: ViewedFiles,
  file: { id: string; version: string },
): 'viewed' | 'changed' | 'unviewed' {
  const version = viewed[file.id];
  if (version === undefined) return 'unviewed';
  return version === file.version ? 'viewed' : 'changed';
}
