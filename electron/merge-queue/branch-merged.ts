import { isAncestor } from '../git/ancestry';
import { mergeTrees } from '../git/merge';
import { treeOf } from '../git/refs';

export type MergedState = 'ancestor' | 'content' | 'unmerged';

/**
 * Whether a branch's work is in the target: its tip is an ancestor (merged), or merging it would
 * change nothing (its changes landed as a squash or rebase, with different commits).
 */
export async function mergedState(repo: string, tip: string, targetTip: string): Promise<MergedState> {
  if (await isAncestor(repo, tip, targetTip)) return 'ancestor';
  const merged = await mergeTrees(repo, targetTip, tip);
  if (!merged.clean) return 'unmerged';
  return merged.tree === (await treeOf(repo, targetTip)) ? 'content' : 'unmerged';
}
