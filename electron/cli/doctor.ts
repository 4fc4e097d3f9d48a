import { AgentRegistry } from '../agents/agent-registry';
import { builtinProfiles } from '../agents/builtin-profiles';
import { distDir } from '../app/app-paths';
import { branchTip } from '../git/branch';
import { currentBranch, hasCommits, resolveRepoRoot } from '../git/repo';
import { gitVersion, isGitVersionSupported, minimumGitVersion } from '../git/version';
import { AppError } from '../../shared/errors';
import { parseArgs } from 'node:util';
import { withUsageErrors } from './args';
import path from 'node:path';

export const doctorHelp = `Usage: switchyard doctor [--repo PATH] [--json]

Checks what Switchyard needs: git ${minimumGitVersion.join('.')} or newer, the repository
(default: the current folder), and which agent CLIs are installed, with their versions.

  --repo PATH  the repository to check
  --json       print one JSON object: {"git", "gitOk", "repo", "agents": [{"id","binary","installed","version"}]}`;

interface RepoReport {
  path: string;
  ok: boolean;
  root: string | null;
  branch: string | null;
  head: string | null;
  problem: string | null;
}

export async function runDoctor(argv: string[]): Promise<number> {
  const { values } = withUsageErrors(() =>
    parseArgs({ args: argv, options: { repo: { type: 'string' }, json: { type: 'boolean' } }, strict: true }),
  );
  const git = await gitVersion().catch(() => null);
  const gitOk = git !== null && isGitVersionSupported(git);
  const repo = git ? await inspectRepo(path.resolve(values.repo ?? '.')) : null;
  const registry = new AgentRegistry(
    builtinProfiles({
      demoAgentScript: path.join(distDir(), 'demo-agent.cjs'),
      nodeExecutable: process.execPath,
      runningInElectron: false,
    }),
  );
  const profiles = await registry.describeAll(true);
  const agents = profiles
    .filter((p) => !p.takesCommand)
    .map((p) => ({ id: p.id, binary: p.binary, installed: p.installed, version: p.version }));

  if (values.json) {
    console.log(JSON.stringify({ git, gitOk, repo, agents }));
  } else {
    console.log(
      gitOk ? `✓ git ${git}` : `✗ git ${git ?? 'not found'} — Switchyard needs ${minimumGitVersion.join('.')} or newer`,
    );
    if (repo)
      console.log(repo.ok ? `✓ repository ${repo.root} on ${repo.branch ?? '(detached)'}` : `✗ ${repo.problem}`);
    for (const agent of profiles.filter((p) => !p.takesCommand)) {
      const state = agent.installed
        ? `✓ ${agent.version ?? 'installed'}`
        : `✗ not installed${agent.installHint ? ` (${agent.installHint})` : ''}`;
      console.log(`  ${agent.label.padEnd(24)} ${agent.binary.padEnd(10)} ${state}`);
    }
  }
  // A repository named on the command line must be usable; the current folder need not be one.
  const repoRequiredAndBad = values.repo !== undefined && !repo?.ok;
  return gitOk && !repoRequiredAndBad ? 0 : 1;
}

async function inspectRepo(folder: string): Promise<RepoReport> {
  try {
    const root = await resolveRepoRoot(folder);
    if (!(await hasCommits(root))) {
      return { path: folder, ok: false, root, branch: null, head: null, problem: `${root} has no commits yet` };
    }
    const branch = await currentBranch(root);
    const head = branch ? await branchTip(root, branch) : null;
    return { path: folder, ok: true, root, branch, head, problem: null };
  } catch (error) {
    const message = error instanceof AppError ? error.message : String(error);
    return { path: folder, ok: false, root: null, branch: null, head: null, problem: message };
  }
}
