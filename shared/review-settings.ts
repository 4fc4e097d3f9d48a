import { z } from 'zod';

/**
 * Paths that parallel work should not split between threads: two branches that both touch them
 * conflict or break each other even when git merges them cleanly. Globs, matched like the brief's
 * paths (a pattern without `/` matches the file name at any depth).
 */
export const defaultHazardPatterns: readonly string[] = [
  // Lockfiles
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'Cargo.lock',
  'Gemfile.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'composer.lock',
  'go.sum',
  // Migrations
  '**/migrations/**',
  '**/db/migrate/**',
  '**/alembic/versions/**',
  // Generated clients and code
  '**/generated/**',
  '**/__generated__/**',
  '*.generated.*',
  '*.pb.go',
  '*_pb2.py',
  // Global configuration
  'package.json',
  'tsconfig.json',
  'pyproject.toml',
  'Cargo.toml',
  'go.mod',
  '.github/**',
  '.gitlab-ci.yml',
  'Dockerfile',
  'docker-compose*.yml',
  '.env*',
];

export const ReviewSettingsSchema = z.object({
  hazardPatterns: z.array(z.string().trim().min(1).max(500)).max(500),
  /**
   * Verification commands run as argv (split like a shell would, without any expansion) when
   * null; otherwise as `[shell, '-c', command]` with this shell, chosen explicitly per project.
   */
  verificationShell: z.string().trim().min(1).max(4096).nullable(),
});
export type ReviewSettings = z.infer<typeof ReviewSettingsSchema>;

export function defaultReviewSettings(): ReviewSettings {
  return { hazardPatterns: [...defaultHazardPatterns], verificationShell: null };
}
