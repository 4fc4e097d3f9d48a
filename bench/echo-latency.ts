/**
 * Keystroke echo latency in one thread while 8 others flood output. The probed thread runs a small
 * Node TUI that redraws each key it reads; the floods run `yes`. Measured two ways: over the browser
 * host's WebSocket (`terminal.input` → the echo as `terminal.data`) and in the dashboard (a real key
 * press in Chromium → xterm's DOM shows the echo). And in two situations: floods nobody watches
 * (the dispatcher looks at the probed thread, the rest run unseen — the common case), and floods
 * each watched by a window that keeps up (acks on arrival), so flow control never slows them.
 */
import { HostHandle } from './host/host-handle';
import { DashboardPage } from './support/dashboard-page';
import { echoProgram, probeInBrowser, probeOverWire } from './support/echo-probes';
import { watchFloodsFromAnotherProcess } from './support/flood-watcher';
import { summarize, type LatencySummary } from './support/latency-stats';
import { runBenchmark, sleep, waitUntil } from './support/lifecycle';
import { agentHostPid, cpuPercentDuring, mb, rssBytes } from './support/proc-stats';
import { benchScale, progress, report, round, target } from './support/report';
import { WireClient } from './support/wire-client';
import { makeWorkspace } from './support/workspace';

const floodingThreads = 8;
const samples = Math.max(10, Math.round(120 * benchScale));
const targetP95Ms = 50;
/** Floods nobody watches need no more than their rings and status screens (issue 10). */
const maxUnseenRssGrowthMb = 50;
const floodLine = 'y'.repeat(79);

interface Phase {
  readonly wire: LatencySummary;
  readonly page: LatencySummary;
  /** App + agent host, % of a core. */
  readonly hostCpu: number;
  readonly appCpu: number;
  readonly agentHostCpu: number;
}

runBenchmark(async () => {
  const { repo, dataDir } = await makeWorkspace();
  const host = await HostHandle.start(dataDir);
  const projectId = await host.openProject(repo);
  const echo = await host.createThread(projectId, 'Echo', [process.execPath, '-e', echoProgram]);
  const floods = [];
  for (let i = 1; i <= floodingThreads; i++) {
    // Waits for Enter, so all floods start together once everything is in place.
    floods.push(await host.createThread(projectId, `Flood ${i}`, ['/bin/sh', '-c', `read go; exec yes ${floodLine}`]));
  }

  // The dispatcher looks at the probed thread; so does our own window on the wire.
  const page = await DashboardPage.open(host.ready.url);
  await page.selectThread(echo.id);
  await page.waitFor(
    `document.querySelector('.terminal-pane:not([hidden])').textContent.includes('echo ready')`,
    'the echo program',
  );
  const probe = await WireClient.connect(host.ready.port, host.ready.token);
  await probe.watchAndAck([echo.id]);
  // The agents' ptys, streams and screens live in the agent host: "host" figures are the app and it.
  const agentHost = await agentHostPid(dataDir);
  if (agentHost === null) throw new Error('no agent host is running');
  const rssNow = async () => {
    const [app, agents] = [await rssBytes(host.pid), await rssBytes(agentHost)];
    return { app, agentHost: agents, host: app + agents };
  };

  const measure = async (label: string): Promise<Phase> => {
    progress(`${label}: ${samples} keystrokes over the WebSocket, then ${samples} in the browser`);
    let wire: number[] = [];
    let inPage: number[] = [];
    const cpu = await cpuPercentDuring({ app: host.pid, agentHost }, async () => {
      wire = await probeOverWire(probe, echo.id, samples);
      inPage = await probeInBrowser(page, samples);
    });
    const appCpu = cpu.app ?? 0;
    const agentHostCpu = cpu.agentHost ?? 0;
    return { wire: summarize(wire), page: summarize(inPage), hostCpu: appCpu + agentHostCpu, appCpu, agentHostCpu };
  };

  const quiet = await measure('no flood');
  const rssBefore = await rssNow();
  const memoryBefore = await host.memory();
  for (const flood of floods) await host.call('terminal.input', { threadId: flood.id, data: '\r' });
  await waitUntil(async () => (await host.threads()).every((t) => t.status !== 'starting'), 'the floods to start');
  await sleep(2000);
  const unseen = await measure(`${floodingThreads} floods, unseen`);
  // Where unseen floods leave the host's memory: the app's and the agent host's RSS; in the app,
  // V8's heap (strings, the young generation grown to keep up with the garbage) and memory outside
  // it (Buffers, writes in flight).
  const rssAfterUnseen = await rssNow();
  const rssUnseen = mb(rssAfterUnseen.host - rssBefore.host);
  const appRssUnseen = mb(rssAfterUnseen.app - rssBefore.app);
  const agentHostRssUnseen = mb(rssAfterUnseen.agentHost - rssBefore.agentHost);
  const memoryUnseen = await host.memory();
  const heapUnseen = mb(memoryUnseen.heapTotal - memoryBefore.heapTotal);
  const externalUnseen = mb(memoryUnseen.external - memoryBefore.external);
  await watchFloodsFromAnotherProcess(
    host.ready.port,
    host.ready.token,
    floods.map((f) => f.id),
  );
  await sleep(2000);
  const watched = await measure(`${floodingThreads} floods, each watched by a window that keeps up`);
  const rssGrowth = mb((await rssNow()).host - rssBefore.host);

  const met = (s: LatencySummary) => target(`p95 < ${targetP95Ms} ms`, s.p95 < targetP95Ms && s.lost === 0);
  const line = (label: string, s: LatencySummary, phase?: Phase) => ({
    label,
    value:
      `p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms` +
      (s.lost ? `, ${s.lost} of ${s.samples} lost` : '') +
      (phase === undefined
        ? ''
        : `, host CPU ${round(phase.hostCpu)} % (app ${round(phase.appCpu)}, agent host ${round(phase.agentHostCpu)})`),
    target: met(s),
  });
  report(
    'echo-latency',
    `${samples} keystrokes per measurement, ${floodingThreads} other threads flooding`,
    {
      flooding_threads: floodingThreads,
      p50_ms: unseen.wire.p50,
      p95_ms: unseen.wire.p95,
      samples,
      flood_viewers: 'none',
      browser_p50_ms: unseen.page.p50,
      browser_p95_ms: unseen.page.p95,
      watched_p50_ms: watched.wire.p50,
      watched_p95_ms: watched.wire.p95,
      watched_browser_p50_ms: watched.page.p50,
      watched_browser_p95_ms: watched.page.p95,
      quiet_p50_ms: quiet.wire.p50,
      quiet_p95_ms: quiet.wire.p95,
      quiet_browser_p50_ms: quiet.page.p50,
      quiet_browser_p95_ms: quiet.page.p95,
      lost: unseen.wire.lost + unseen.page.lost + watched.wire.lost + watched.page.lost,
      host_rss_growth_mb: round(rssGrowth),
      host_rss_growth_mb_unseen_floods: round(rssUnseen),
      app_rss_growth_mb_unseen_floods: round(appRssUnseen),
      agent_host_rss_growth_mb_unseen_floods: round(agentHostRssUnseen),
      agent_host_rss_mb_before_floods: round(mb(rssBefore.agentHost)),
      agent_host_rss_mb_unseen_floods: round(mb(rssAfterUnseen.agentHost)),
      app_heap_growth_mb_unseen_floods: round(heapUnseen),
      app_external_growth_mb_unseen_floods: round(externalUnseen),
      host_cpu_pct_unseen_floods: round(unseen.hostCpu),
      app_cpu_pct_unseen_floods: round(unseen.appCpu),
      agent_host_cpu_pct_unseen_floods: round(unseen.agentHostCpu),
      host_cpu_pct_watched_floods: round(watched.hostCpu),
    },
    [
      line('no flood, WebSocket', quiet.wire, quiet),
      line('no flood, browser', quiet.page),
      line('floods unseen, WebSocket', unseen.wire, unseen),
      line('floods unseen, browser', unseen.page),
      line('floods watched, WebSocket', watched.wire, watched),
      line('floods watched, browser', watched.page),
      {
        label: 'host RSS growth (app + agent host), floods unseen',
        value:
          `${round(rssUnseen)} MB (app ${round(appRssUnseen)} MB: V8 heap ${round(heapUnseen)}, outside it ` +
          `${round(externalUnseen)}; agent host ${round(agentHostRssUnseen)} MB, ` +
          `from ${round(mb(rssBefore.agentHost))} to ${round(mb(rssAfterUnseen.agentHost))} MB)`,
        target: target(`< ${maxUnseenRssGrowthMb} MB`, rssUnseen < maxUnseenRssGrowthMb),
      },
      { label: 'host RSS growth (app + agent host), floods unseen then watched', value: `${round(rssGrowth)} MB` },
    ],
  );
});
