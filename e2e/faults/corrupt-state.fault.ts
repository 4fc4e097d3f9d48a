import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertAnswering, faultWorkspace } from './support/fault-workspace';

/** A state file cut short (power loss, full disk) or of the wrong shape: the host starts, says so, keeps the file. */
describe('a corrupt state.json', () => {
  for (const [what, content] of [
    ['truncated', '{"version":1,"projects":[{"id":"p1","pa'],
    ['of the wrong shape', JSON.stringify({ projects: 'none', threads: { a: 1 } })],
    ['empty', ''],
  ] as const) {
    it(`${what}: starts, reports the problem, keeps the broken file aside`, async () => {
      const workspace = await faultWorkspace();
      await writeFile(path.join(workspace.dataDir, 'state.json'), content);
      const host = await workspace.serve();
      const wire = await workspace.connect(host);
      const info = await wire.call<{ stateProblem: string | null }>('app.info');
      expect(info.stateProblem).toMatch(/state\.json could not be read/);
      const kept = (await readdir(workspace.dataDir)).filter((name) => name.startsWith('state.json.corrupt-'));
      expect(kept).toHaveLength(1);
      expect(await readFile(path.join(workspace.dataDir, kept[0]!), 'utf8')).toBe(content);
      // The repository opened from --repo is usable again at once.
      expect(await wire.call<unknown[]>('projects.list')).toHaveLength(1);
      await assertAnswering(host);
    });
  }
});
