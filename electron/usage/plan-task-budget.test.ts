import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BudgetAlert } from '../../shared/budget';
import { makeTempDir, waitFor } from '../test-support/temp-repo';
import { appendLines, numberedClaudeTurn } from '../test-support/usage-logs';
import { watchPlanTaskBudget } from './plan-task-budget';
import { UsageService } from './usage-service';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let service: UsageService;
let config: string;
const cwd = '/work/wt/plan-api-auth';
const file = () => path.join(config, 'projects', cwd.replace(/[^a-zA-Z0-9]/g, '-'), 's1.jsonl');
const turn = (n: number) => numberedClaudeTurn(n, { cwd, input: 0, output: 450, cacheRead: 0, cacheWrite: 0 });

beforeEach(async () => {
  temp = await makeTempDir();
  config = path.join(temp.dir, 'claude');
  service = new UsageService({
    dataDir: path.join(temp.dir, 'data'),
    env: { CLAUDE_CONFIG_DIR: config },
    debounceMs: 20,
  });
});
afterEach(async () => {
  service.close();
  await temp.cleanup();
});

describe('watchPlanTaskBudget', () => {
  it("tells 80 % and 100 % of a task's budget once each, stops it once, and books the spend under its plan run", async () => {
    const alerts: BudgetAlert[] = [];
    let stops = 0;
    const stop = await watchPlanTaskBudget({
      usage: service,
      key: 'plan:run-7:api-auth',
      projectId: '/repos/shop',
      planRunId: 'run-7',
      cwd,
      profileId: 'claude',
      budget: { unit: 'tokens', limit: 1000, stopAtLimit: true },
      since: new Date('2026-12-04T00:00:00.000Z'),
      onAlert: (alert) => alerts.push(alert),
      onStop: () => stops++,
    });
    await appendLines(file(), [turn(1)]);
    await service.refresh();
    expect(alerts).toEqual([]);
    await appendLines(file(), [turn(2)]);
    await service.refresh();
    await waitFor(() => alerts.length === 1, 'the warning');
    expect(alerts[0]).toMatchObject({ level: 'warning', text: '90 % of its budget: 900 tokens of 1k tokens' });
    expect(stops).toBe(0);
    await appendLines(file(), [turn(3)]);
    await service.refresh();
    await appendLines(file(), [turn(4)]);
    await service.refresh();
    expect(alerts.map((a) => a.level)).toEqual(['warning', 'over']);
    expect(stops).toBe(1);
    const log = (await readFile(path.join(temp.dir, 'data', 'usage.jsonl'), 'utf8')).trim().split('\n');
    expect(log.map((line) => (JSON.parse(line) as { planRunId: string }).planRunId)).toEqual(log.map(() => 'run-7'));
    stop();
  });
});
