/**
 * Agents that outlive the app: 30 threads whose agents run in the agent host, the app killed
 * (kill -9) and started again. reattach_ms: per thread, from asking to attach to the pane's first
 * screen drawn (the snapshot the host serializes, parsed into a terminal of the pane's size), the
 * 30 threads attached one after another as a dashboard would; also the restart itself (a new app
 * ready, with every agent adopted). Memory: the app and the agent host together, per thread — as
 * RSS (the target's figure), and with the agent host counted by what it holds alone (USS): its RSS
 * also counts the Node binary's code pages, which the app already holds and both share.
 */
import { readFile } from 'node:fs/promises';
import { shutDownAgentHosts } from '../electron/agent-host/agent-host-client';
import { agentHostPaths } from '../electron/agent-host/protocol';
import { drawnLines } from '../electron/terminals/screen-mirror';
import { HostHandle } from './host/host-handle';
import { onCleanup, runBenchmark, sleep, waitUntil } from './support/lifecycle';
import { bareNodeRssBytes, mb, memoryBreakdown, rssBytes } from './support/proc-stats';
import { percentile, progress, report, round, target } from './support/report';
import { makeWorkspace } from './support/workspace';

const threadCount = 30;
const cols = 120;
const rows = 32;
const targetP95Ms = 100;
/** Issue 12: an idle thread's cost, the agent host included. */
const targetMbPerThread = 2;
/** How long the threads sit idle before memory is read. */
const idleSettleMs = 8_000;

runBenchmark(async () => {
  const { repo, dataDir } = await makeWorkspace();
  onCleanup(() => shutDownAgentHosts(dataDir));
  let app = await HostHandle.start(dataDir);
  const projectId = await app.openProject(repo);
  await sleep(500);
  const baseline = await rssBytes(app.pid);

  progress(`creating ${threadCount} threads whose agents print a screenful and wait`);
  const threads = [];
  // The agent host as the first thread left it: what it costs before any further thread (its fixed part).
  let agentHostWithOne = 0;
  for (let i = 1; i <= threadCount; i++) {
    const script = `for n in $(seq 1 60); do echo "thread ${i} line $n: $(printf '%.0s-' $(seq 1 40))"; done; read answer`;
    threads.push(await app.createThread(projectId, `Agent ${i}`, ['/bin/sh', '-c', script]));
    if (i === 1) {
      await sleep(500);
      agentHostWithOne = await rssBytes(Number(await readFile(agentHostPaths(dataDir).pid, 'utf8')));
    }
  }
  await waitUntil(
    async () => (await app.threads()).every((t) => t.status === 'idle' || t.status === 'working'),
    'every agent running',
    60_000,
  );

  progress('kill -9 of the app; starting it again');
  process.kill(app.pid, 'SIGKILL');
  await sleep(200);
  const restartStarted = performance.now();
  app = await HostHandle.start(dataDir);
  const restartMs = performance.now() - restartStarted;
  const adopted = (await app.threads()).filter((t) => t.status === 'idle' || t.status === 'working').length;

  const reattach: number[] = [];
  const allStarted = performance.now();
  for (const thread of threads) {
    const started = performance.now();
    await app.call('terminal.resize', { threadId: thread.id, cols, rows });
    const { data } = await app.call<{ data: string; end: number }>('terminal.attach', { threadId: thread.id });
    const lines = await drawnLines(data, cols, rows);
    reattach.push(performance.now() - started);
    if (!lines.some((line) => line.includes('line 60')))
      throw new Error(`thread ${thread.name}: the screen is not drawn`);
  }
  const allMs = performance.now() - allStarted;
  await sleep(500);
  const agentHostPid = Number(await readFile(agentHostPaths(dataDir).pid, 'utf8'));
  const justAttached = (await rssBytes(app.pid)) + (await rssBytes(agentHostPid));
  // Idle: the agent host gives back what the burst left once its heap has been quiet a few seconds
  // (electron/agent-host/idle-collector.ts); the status rules' 4 s idle timers fire in that time too.
  progress(`all attached; memory read after ${idleSettleMs / 1000} s of quiet`);
  await sleep(idleSettleMs);
  const agentHostMemory = await memoryBreakdown(agentHostPid);
  const agentHostRss = agentHostMemory.rss;
  const appRss = await rssBytes(app.pid);
  const total = appRss + agentHostRss;
  const perThread = mb(total - baseline) / threadCount;
  const privatePerThread = mb(appRss - baseline + agentHostMemory.uss) / threadCount;
  // Each thread after the first, in the agent host alone: its per-thread part without the fixed one.
  const agentHostPerThread = mb(agentHostRss - agentHostWithOne) / (threadCount - 1);
  const bareNode = await bareNodeRssBytes();
  reattach.sort((a, b) => a - b);
  const p50 = percentile(reattach, 50);
  const p95 = percentile(reattach, 95);
  report(
    'reattach',
    `${threadCount} running agents, the app killed and started again`,
    {
      threads: threadCount,
      adopted,
      restart_ms: round(restartMs, 0),
      reattach_ms_p50: round(p50, 1),
      reattach_ms_p95: round(p95, 1),
      all_attached_ms: round(allMs, 0),
      host_rss_mb_per_thread: round(perThread, 2),
      host_private_mb_per_thread: round(privatePerThread, 2),
      host_rss_mb_per_thread_just_attached: round(mb(justAttached - baseline) / threadCount, 2),
      app_rss_growth_mb: round(mb(appRss - baseline), 1),
      agent_host_rss_mb: round(mb(agentHostRss), 1),
      agent_host_anon_mb: round(mb(agentHostMemory.anon), 1),
      agent_host_file_mb: round(mb(agentHostMemory.file), 1),
      agent_host_uss_mb: round(mb(agentHostMemory.uss), 1),
      agent_host_rss_mb_one_thread: round(mb(agentHostWithOne), 1),
      agent_host_rss_mb_per_further_thread: round(agentHostPerThread, 2),
      bare_node_rss_mb: round(mb(bareNode), 1),
    },
    [
      { label: 'agents adopted', value: `${adopted} of ${threadCount}` },
      { label: 'restart (app ready, agents adopted)', value: `${round(restartMs, 0)} ms` },
      {
        label: 'reattach_ms p50 / p95',
        value: `${round(p50, 1)} / ${round(p95, 1)} ms`,
        target: target(`p95 < ${targetP95Ms} ms`, p95 < targetP95Ms),
      },
      { label: 'all 30 attached and drawn', value: `${round(allMs, 0)} ms` },
      {
        label: 'host_rss_mb_per_thread (app + agent host)',
        value: `${round(perThread, 2)} MB (app grew ${round(mb(appRss - baseline), 1)} MB)`,
        target: target(`≤ ${targetMbPerThread} MB`, perThread <= targetMbPerThread),
      },
      {
        label: '  the same, 0.5 s after the last attach',
        value: `${round(mb(justAttached - baseline) / threadCount, 2)} MB`,
      },
      {
        label: '  the same, agent host by USS',
        value: `${round(privatePerThread, 2)} MB`,
        target: target(`≤ ${targetMbPerThread} MB`, privatePerThread <= targetMbPerThread),
      },
      {
        label: '  agent host: with 1 thread / with 30',
        value: `${round(mb(agentHostWithOne), 1)} / ${round(mb(agentHostRss), 1)} MB; each further thread ${round(agentHostPerThread, 2)} MB`,
      },
      {
        label: '  a bare Node process (the floor of any agent host)',
        value: `${round(mb(bareNode), 1)} MB RSS = ${round(mb(bareNode) / threadCount, 2)} MB a thread at ${threadCount}`,
      },
      {
        label: '  agent host with 30: anon / file / USS',
        value: `${round(mb(agentHostMemory.anon), 1)} / ${round(mb(agentHostMemory.file), 1)} / ${round(mb(agentHostMemory.uss), 1)} MB`,
      },
    ],
  );
});
