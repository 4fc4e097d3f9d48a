import { gitOrFail } from './git-commit';

/** The environment variable the app sets to the commit a review compares against. */
export const reviewBaseEnv = 'SWITCHYARD_REVIEW_BASE';

export interface DemoFinding {
  readonly severity: 'blocking' | 'warning' | 'note';
  readonly path: string;
  readonly line: number;
  readonly message: string;
}

/** What the demo reviewer calls a blocking line: a left-over marker or debug print. */
const blockingPattern = /\bTODO\b|console\.log\(/;

/**
 * The demo reviewer's findings for a unified diff (`--unified=0`): a blocking finding for every
 * added line with a TODO or a console.log, and a note on the first added line of each changed
 * file. Deterministic, so tests know exactly what to expect.
 */
export function findingsForDiff(patch: string): DemoFinding[] {
  const findings: DemoFinding[] = [];
  const noted = new Set<string>();
  let path: string | null = null;
  let line = 0;
  for (const text of patch.split('\n')) {
    if (text.startsWith('+++ ')) {
      path = text === '+++ /dev/null' ? null : text.slice(4).replace(/^b\//, '');
    } else if (text.startsWith('@@')) {
      const match = /\+(\d+)/.exec(text);
      line = match ? Number(match[1]) : 0;
    } else if (path && text.startsWith('+')) {
      if (!noted.has(path)) {
        noted.add(path);
        findings.push({ severity: 'note', path, line, message: `The demo reviewer read ${path}.` });
      }
      if (blockingPattern.test(text)) {
        findings.push({
          severity: 'blocking',
          path,
          line,
          message: 'Left-over TODO or console.log: finish it or take it out before landing.',
        });
      }
      line++;
    }
  }
  return findings;
}

/** The diff of the working folder's HEAD against `base` (the env's base, else the parent commit). */
export async function reviewDiff(cwd: string, base: string | undefined): Promise<string> {
  const from = base?.trim() || process.env[reviewBaseEnv]?.trim() || 'HEAD~1';
  return gitOrFail(cwd, ['diff', '--unified=0', '--no-color', '--no-ext-diff', from, 'HEAD', '--']);
}
