import { describe, expect, it } from 'vitest';
import { assertAnswering, faultWorkspace, onlyProjectId } from './support/fault-workspace';

/** One window flooding the host with requests must not starve the others, before or after it leaves. */
describe('a burst of requests', () => {
  it('10,000 git-backed requests then a disconnect: another window is answered at once', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const flooder = await workspace.connect(host);
    const projectId = await onlyProjectId(flooder);
    for (let i = 0; i < 10_000; i++) flooder.fire('projects.branches', { projectId });
    flooder.close();
    await assertAnswering(host, 5_000);
  });

  it('10,000 requests on a window that stays: every one is answered (done or refused as busy)', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const flooder = await workspace.connect(host);
    const projectId = await onlyProjectId(flooder);
    const answers = await Promise.all(
      Array.from({ length: 10_000 }, () => flooder.request('projects.branches', { projectId }, 120_000)),
    );
    const refused = answers.filter((answer) => !answer.ok);
    for (const answer of refused) expect(answer.error?.kind).toBe('busy');
    expect(answers.length - refused.length).toBeGreaterThan(0);
    await assertAnswering(host);
  });
});
