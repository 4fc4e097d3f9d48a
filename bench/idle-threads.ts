/**
 * What an idle thread costs: 30 threads whose agents wait at a prompt (`read`), three of them at a
 * question (needs input), the dashboard open on one of them with the keyboard in its terminal.
 * Memory: growth of the host's RSS — the app plus the agent host, which the first thread starts and
 * which holds every pty, stream and screen — and of the dashboard's renderer (JS heap after a full
 * collection, and process RSS) from no threads to 30, per thread. CPU: the app's,
 * the agent host's and the renderer's over a quiet window once every thread has settled as idle.
 */
import { HostHandle } from './host/host-handle';
import { DashboardPage } from './support/dashboard-page';
import { runBenchmark, sleep, waitUntil } from './support/lifecycle';
import { agentHostPid, cpuPercentDuring, descendants, mb, rssBytes } from './support/proc-stats';
import { profileRenderer } from './support/profiling';
import { benchScale, progress, report, round, target } from './support/report';
import { makeWorkspace } from './support/workspace';

const threadCount = 30;
const quietSeconds = Math.max(2, Math.round(10 * benchScale));
const targetMbPerThread = 10;
/** "≈ 0": below this, a process is not doing periodic work worth the name. */
const idleCpuLimitPct = 1;

interface MemoryPoint {
  /** App + agent host. */
  readonly hostRss: number;
  readonly appRss: number;
  readonly agentHostRss: number;
  readonly rendererRss: number;
  readonly jsHeap: number;
}

runBenchmark(async () => {
  const { repo, dataDir } = await makeWorkspace();
  const host = await HostHandle.start(dataDir);
  const projectId = await host.openProject(repo);
  const page = await DashboardPage.open(host.ready.url);
  const rendererPid = await page.rendererPid();
  const memory = async (): Promise<MemoryPoint> => {
    await host.gc();
    const jsHeap = await page.jsHeapUsedBytes();
    const agentHost = await agentHostPid(dataDir);
    const appRss = await rssBytes(host.pid);
    const agentHostRss = agentHost === null ? 0 : await rssBytes(agentHost);
    return { hostRss: appRss + agentHostRss, appRss, agentHostRss, rendererRss: await rssBytes(rendererPid), jsHeap };
  };

  await sleep(1000);
  const before = await memory();
  progress(`creating ${threadCount} threads whose agents wait at a prompt`);
  const threads = [];
  for (let i = 1; i <= threadCount; i++) {
    // Every tenth asks a question, as agents waiting for the dispatcher do: its badge says so (needs input).
    const script =
      i % 10 === 1
        ? `printf 'thread ${i}: go on? (y/n) '; read answer; echo "got $answer"`
        : `echo "thread ${i} ready; type an answer"; read answer; echo "got $answer"`;
    threads.push(await host.createThread(projectId, `Idle ${i}`, ['/bin/sh', '-c', script]));
  }
  const shown = threads.at(-1);
  if (shown) await page.selectThread(shown.id);
  // The status tracker calls a thread idle 4 s after its last output; after that nothing should run.
  await waitUntil(
    async () => (await host.threads()).every((t) => t.status === 'idle' || t.status === 'needs-input'),
    'every thread to settle as idle',
    60_000,
  );
  await sleep(1000);
  const after = await memory();
  // The agents' own processes are the agents' cost, not Switchyard's: shown for scale only.
  const agentHost = await agentHostPid(dataDir);
  if (agentHost === null) throw new Error('no agent host is running');
  const agents = (await descendants(agentHost)).filter((p) => p.pid !== agentHost);
  const agentRss = (await Promise.all(agents.map((p) => rssBytes(p.pid).catch(() => 0)))).reduce((a, b) => a + b, 0);

  progress(`measuring CPU over ${quietSeconds} s of quiet`);
  const cpu = await profileRenderer(page, 'idle', () =>
    cpuPercentDuring({ app: host.pid, agentHost, renderer: rendererPid }, () => sleep(quietSeconds * 1000)),
  );

  // Once more after the quiet window: the agent host gives back a burst's garbage only after a few
  // quiet seconds (electron/agent-host/idle-collector.ts).
  const afterQuiet = await memory();
  const perThread = (key: keyof MemoryPoint) => mb(after[key] - before[key]) / threadCount;
  const perThreadAfterQuiet = (key: keyof MemoryPoint) => mb(afterQuiet[key] - before[key]) / threadCount;
  const mbPerThread = perThread('hostRss') + perThread('rendererRss');
  const appCpu = cpu.app ?? 0;
  const agentHostCpu = cpu.agentHost ?? 0;
  const hostCpu = appCpu + agentHostCpu;
  const rendererCpu = cpu.renderer ?? 0;
  report(
    'idle-threads',
    `${threadCount} threads waiting at a prompt (3 at a question), the dashboard showing one`,
    {
      threads: threadCount,
      mb_per_thread: round(mbPerThread, 2),
      idle_cpu_pct: round(hostCpu, 2),
      host_mb_per_thread: round(perThread('hostRss'), 2),
      app_mb_per_thread: round(perThread('appRss'), 2),
      agent_host_mb_per_thread: round(perThread('agentHostRss'), 2),
      agent_host_rss_mb: round(mb(after.agentHostRss), 1),
      host_mb_per_thread_after_quiet: round(perThreadAfterQuiet('hostRss'), 2),
      agent_host_rss_mb_after_quiet: round(mb(afterQuiet.agentHostRss), 1),
      app_idle_cpu_pct: round(appCpu, 2),
      agent_host_idle_cpu_pct: round(agentHostCpu, 2),
      renderer_mb_per_thread: round(perThread('rendererRss'), 2),
      renderer_js_heap_mb_per_thread: round(perThread('jsHeap'), 3),
      renderer_idle_cpu_pct: round(rendererCpu, 2),
      agent_rss_mb_per_thread: round(mb(agentRss) / threadCount, 2),
      quiet_seconds: quietSeconds,
    },
    [
      {
        label: 'memory per thread (host + renderer RSS)',
        value: `${round(mbPerThread, 2)} MB`,
        target: target(`≤ ${targetMbPerThread} MB`, mbPerThread <= targetMbPerThread),
      },
      { label: '  host RSS (app + agent host)', value: `${round(perThread('hostRss'), 2)} MB per thread` },
      {
        label: '    app / agent host',
        value: `${round(perThread('appRss'), 2)} / ${round(perThread('agentHostRss'), 2)} MB per thread (agent host ${round(mb(after.agentHostRss), 1)} MB in all)`,
      },
      {
        label: `    after the ${quietSeconds} s quiet`,
        value: `${round(perThreadAfterQuiet('hostRss'), 2)} MB per thread (agent host ${round(mb(afterQuiet.agentHostRss), 1)} MB in all)`,
      },
      { label: '  renderer RSS', value: `${round(perThread('rendererRss'), 2)} MB per thread` },
      { label: '  renderer JS heap (live)', value: `${round(perThread('jsHeap'), 3)} MB per thread` },
      {
        label: '  (the waiting agent itself, not counted)',
        value: `${round(mb(agentRss) / threadCount, 2)} MB RSS per thread`,
      },
      {
        label: `host CPU (app + agent host), ${quietSeconds} s idle`,
        value: `${round(hostCpu, 2)} % of a core (app ${round(appCpu, 2)}, agent host ${round(agentHostCpu, 2)})`,
        target: target(`≈ 0 (< ${idleCpuLimitPct} %)`, hostCpu < idleCpuLimitPct),
      },
      {
        label: `renderer CPU, ${quietSeconds} s idle`,
        value: `${round(rendererCpu, 2)} % of a core`,
        target: target(`≈ 0 (< ${idleCpuLimitPct} %)`, rendererCpu < idleCpuLimitPct),
      },
    ],
  );
});
