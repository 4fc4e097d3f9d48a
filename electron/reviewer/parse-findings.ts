import { z } from 'zod';
import { FindingSeveritySchema } from '../../shared/review-comments';
import type { DiffLines } from './diff-lines';

export const FindingSchema = z.object({
  severity: FindingSeveritySchema,
  path: z.string().min(1),
  line: z.number().int().min(1),
  message: z.string().trim().min(1),
});
export type Finding = z.infer<typeof FindingSchema>;

export interface ParsedOutput {
  /** Findings on a line the diff shows. */
  readonly findings: Finding[];
  /** Every other non-empty line, as printed (a finding on no line of the diff included): never dropped. */
  readonly leftovers: string[];
}

/** `./src/a.ts` and `b/src/a.ts` name the diff's `src/a.ts`. */
function diffPath(path: string, lines: DiffLines): string {
  if (lines.has(path)) return path;
  const trimmed = path.replace(/^\.\//, '');
  if (lines.has(trimmed)) return trimmed;
  const unprefixed = trimmed.replace(/^[ab]\//, '');
  return unprefixed;
}

/**
 * Splits a reviewer's output into findings (one JSON object a line, on a line of the diff) and
 * leftovers (everything else that is not blank). A JSON line may sit among other text, so a line
 * counts when it is a whole object once trimmed (or wrapped in a ```json fence's lines).
 */
export function parseFindings(output: string, lines: DiffLines): ParsedOutput {
  const findings: Finding[] = [];
  const leftovers: string[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const text = raw.trim();
    if (text === '' || text.startsWith('```')) continue;
    const finding = asFinding(text);
    const path = finding ? diffPath(finding.path, lines) : null;
    if (finding && path !== null && lines.get(path)?.has(finding.line)) findings.push({ ...finding, path });
    else leftovers.push(raw.trimEnd());
  }
  return { findings, leftovers };
}

function asFinding(text: string): Finding | null {
  if (!text.startsWith('{') || !text.endsWith('}')) return null;
  try {
    const parsed = FindingSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
