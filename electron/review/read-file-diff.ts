import { stat } from 'node:fs/promises';
import path from 'node:path';
import { diffCaps, type FileDiff, type ReviewSection } from '../../shared/review';
import { blobSize } from '../git/blob-size';
import { filePatch } from '../git/file-patch';
import { capPatch } from './cap-patch';
import { fileId, type SummaryFile } from './read-review-summary';

export interface FileDiffRequest {
  readonly section: ReviewSection;
  readonly path: string;
  readonly oldPath: string | null;
  /** "Show anyway": lift the per-file and per-line caps (the hard ceiling still holds). */
  readonly full: boolean;
}

async function fileSize(file: string): Promise<number | null> {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? info.size : null;
}

/** Old and new sizes in bytes: from blobs where git has them, from the disk for the worktree side. */
async function sizesOf(worktree: string, section: ReviewSection, listed: SummaryFile | undefined, filePath: string) {
  const onDisk = section === 'unstaged' || section === 'untracked';
  const newSize = onDisk
    ? await fileSize(path.join(worktree, filePath))
    : listed
      ? await blobSize(worktree, listed.change.newBlob)
      : null;
  const oldSize = listed && section !== 'untracked' ? await blobSize(worktree, listed.change.oldBlob) : null;
  return { oldSize, newSize };
}

const binaryLine = /^Binary files .* differ$/m;

/** One file's diff for the review pane, capped (unless asked in full) so it is cheap to send and render. */
export async function readFileDiff(
  worktree: string,
  range: { base: string; head: string },
  request: FileDiffRequest,
  listed: SummaryFile | undefined,
): Promise<FileDiff> {
  const raw = await filePatch(worktree, { ...range, ...request });
  const binary = listed?.wire.binary === true || binaryLine.test(raw.slice(0, 4096));
  const base = {
    fileId: fileId(request.section, request.path),
    version: listed?.wire.version ?? '',
    binary,
  };
  const sizes =
    binary || raw.length > diffCaps.fileBytes
      ? await sizesOf(worktree, request.section, listed, request.path)
      : { oldSize: null, newSize: null };
  if (binary) {
    return {
      ...base,
      ...sizes,
      patch: raw.slice(0, 4096),
      totalBytes: raw.length,
      truncated: false,
      longLinesCut: 0,
      crlf: false,
      tooLargeToShow: false,
    };
  }
  const tooLargeToShow = request.full && Buffer.byteLength(raw, 'utf8') > diffCaps.ceilingBytes;
  const full = request.full && !tooLargeToShow;
  const capped = capPatch(raw, {
    maxBytes: full ? Number.MAX_SAFE_INTEGER : diffCaps.fileBytes,
    maxLineChars: full ? Number.MAX_SAFE_INTEGER : diffCaps.lineChars,
  });
  return {
    ...base,
    ...sizes,
    patch: capped.patch,
    totalBytes: capped.totalBytes,
    truncated: capped.truncated,
    longLinesCut: capped.longLinesCut,
    crlf: capped.crlf,
    tooLargeToShow,
  };
}
