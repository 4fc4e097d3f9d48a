import { describe, expect, it } from 'vitest';
import { AgentRegistry } from '../agents/agent-registry';
import { builtinProfiles } from '../agents/builtin-profiles';
import type { AgentProfile } from '../agents/profile';
import { defaultReviewer, reviewerCommand } from './reviewer-command';

const builtins = builtinProfiles({
  demoAgentScript: '/app/demo-agent.cjs',
  nodeExecutable: process.execPath,
  runningInElectron: false,
});

/** The built-in profiles with the named ones "installed" (their binary is /bin/true) and the rest missing. */
function registry(installed: readonly string[]): AgentRegistry {
  const profiles: AgentProfile[] = builtins.map((p) =>
    p.id === 'demo' ? p : { ...p, binary: installed.includes(p.id) ? '/bin/true' : `/nonexistent/${p.id}` },
  );
  return new AgentRegistry(profiles);
}

describe('the default reviewer', () => {
  it("is an installed agent with a headless mode other than the worker's, else the demo agent", async () => {
    expect((await defaultReviewer(registry(['claude', 'codex']), 'claude')).id).toBe('codex');
    expect((await defaultReviewer(registry(['claude', 'codex']), 'demo')).id).toBe('claude');
    expect((await defaultReviewer(registry(['claude']), 'claude')).id).toBe('demo');
    expect((await defaultReviewer(registry([]), 'codex')).id).toBe('demo');
  });
});

describe("the reviewer's argv", () => {
  const options = {
    prompt: '--review "this"; $(rm -rf /)',
    cwd: '/tmp/tree',
    runDir: '/tmp/run',
    baseCommit: 'abc123',
  };

  it("is the profile's headless (print) mode in its read-only plan mode, the prompt one argument", async () => {
    const agents = registry(['claude', 'codex']);
    const claude = await reviewerCommand(agents, agents.get('claude'), options);
    expect(claude.argv).toEqual(['/bin/true', '-p', '--permission-mode', 'plan', '--', options.prompt]);
    const codex = await reviewerCommand(agents, agents.get('codex'), options);
    expect(codex.argv).toEqual(['/bin/true', 'exec', '-C', '/tmp/tree', '--', options.prompt]);
  });

  it("runs the demo agent's review scenario with the base commit in its environment", async () => {
    const agents = registry([]);
    const demo = await reviewerCommand(agents, agents.get('demo'), options);
    expect(demo.argv).toEqual([process.execPath, '/app/demo-agent.cjs', '--scenario', 'review']);
    expect(demo.env.SWITCHYARD_REVIEW_BASE).toBe('abc123');
  });

  it('refuses a profile with no headless mode, saying what to do', async () => {
    const agents = registry([]);
    await expect(reviewerCommand(agents, agents.get('shell'), options)).rejects.toThrow(
      'Plain shell has no headless (print) mode, so it cannot review on its own; choose another reviewer.',
    );
  });
});
