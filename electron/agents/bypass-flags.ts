/**
 * Flags that let an agent act without asking, recognised in argv the user wrote themselves
 * (custom commands and profiles), so a thread is badged truthfully whoever chose the flag.
 * Only unambiguous spellings: a short `-y` means something else to most programs.
 */
const bypassTokens = new Set([
  '--dangerously-skip-permissions',
  '--dangerously-bypass-approvals-and-sandbox',
  '--dangerously-allow-all',
  '--yolo',
  '--yes-always',
  '--permission-mode=bypassPermissions',
  '--approval-mode=yolo',
]);

/** Option and value pairs, as tools accept them in two arguments. */
const bypassPairs: ReadonlyArray<readonly [string, string]> = [
  ['--permission-mode', 'bypassPermissions'],
  ['--approval-mode', 'yolo'],
];

export function carriesBypassFlag(argv: readonly string[]): boolean {
  return argv.some(
    (arg, index) =>
      bypassTokens.has(arg) || bypassPairs.some(([option, value]) => arg === option && argv[index + 1] === value),
  );
}
