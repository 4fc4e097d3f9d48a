/**
 * How fast a flood of output gets from a program in a pty to a parsed xterm in the browser:
 * pty → 16 ms batching → browser host WebSocket → the app's own page in Chromium → xterm.write →
 * ack. Beside it, in the same run: how fast node-pty alone drains the same program (raw), how
 * fast the pipeline delivers it to a client that draws nothing (transport), and how fast xterm
 * alone parses and draws such lines in the same page (its ceiling).
 */
import { HostHandle } from './host/host-handle';
import type { Delivery } from './host/host-protocol';
import { DashboardPage } from './support/dashboard-page';
import { runBenchmark } from './support/lifecycle';
import { agentHostPid, cpuPercentDuring, mb, RssSampler } from './support/proc-stats';
import { profileRenderer } from './support/profiling';
import { drainRaw } from './support/raw-pty-drain';
import { drainThroughTransport } from './support/transport-drain';
import { measureXtermCeiling } from './support/xterm-ceiling';
import { benchScale, progress, report, round, target } from './support/report';
import { makeWorkspace } from './support/workspace';

/** 79 characters and a newline: full lines that never wrap in the 120-column terminal. */
const lineLength = 80;
const floodBytes = Math.round((200e6 * benchScale) / lineLength) * lineLength;
// Printed by shell arithmetic, so the command line itself (shown in the banner) never contains it.
const marker = 'BENCH-2-END';
// The producer stays alive at the end, so stopping it is the benchmark's doing.
const flood = `yes ${'x'.repeat(lineLength - 1)} | head -c ${floodBytes}; echo; echo BENCH-$((1+1))-END; read stay`;
/** What xterm must get: each line gains a \r (the pty's ONLCR), plus the echoed Enter, `echo` and the marker line. */
const expectedChars = floodBytes + floodBytes / lineLength + 2 + 2 + `${marker}\r\n`.length;
/** "Flat": after a full GC the host holds no more than this of what it streamed (rings and batches are bounded). */
const retainedLimitMb = 10;
/** Memory the host's JavaScript really holds: V8's live heap and buffers outside it. */
const live = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.external;

runBenchmark(async () => {
  const { repo, dataDir } = await makeWorkspace();
  const host = await HostHandle.start(dataDir);
  const projectId = await host.openProject(repo);

  progress(`raw: node-pty draining ${round(floodBytes / 1e6)} MB with no processing`);
  const raw = await drainRaw(['/bin/sh', '-c', flood], repo, marker);
  progress('transport: the same flood through the browser host to a client that draws nothing');
  const transport = await drainThroughTransport(host, projectId, ['/bin/sh', '-c', `read go; ${flood}`], marker);

  // The producer waits for Enter, so the clock starts only once the browser is attached.
  const thread = await host.createThread(projectId, 'Flood', ['/bin/sh', '-c', `read go; ${flood}`]);
  const page = await DashboardPage.open(host.ready.url);
  await page.selectThread(thread.id);
  const rendererPid = await page.rendererPid();

  progress('pipeline: the same flood through the browser host into xterm in Chromium');
  const liveAtStart = live(await host.gc());
  // The pty, its stream and screens live in the agent host: "host" is the app and it together.
  const agentHost = await agentHostPid(dataDir);
  if (agentHost === null) throw new Error('no agent host is running');
  const rss = new RssSampler([host.pid, agentHost]);
  const appRss = new RssSampler([host.pid]);
  await rss.start();
  await appRss.start();
  let delivery: Delivery | null = null;
  const cpu = await profileRenderer(page, 'throughput', () =>
    cpuPercentDuring({ app: host.pid, agentHost, renderer: rendererPid }, async () => {
      delivery = await host.deliver(thread.id, '\r', marker);
    }),
  );
  await rss.stop();
  await appRss.stop();
  const retained = mb(live(await host.gc()) - liveAtStart);
  if (!delivery) throw new Error('no delivery');
  const { chars, ms, sentMs, dataMessages, ackMessages } = delivery;
  progress('ceiling: xterm alone in the same page, fed the same lines from inside the page');
  const ceiling = await profileRenderer(page, 'ceiling', () =>
    measureXtermCeiling(page, Math.min(chars, 100e6 * benchScale)),
  );

  const pipelineMbS = chars / 1e6 / (ms / 1000);
  const rawMbS = raw.chars / 1e6 / (raw.ms / 1000);
  const ratio = pipelineMbS / rawMbS;
  const transportMbS = transport.chars / 1e6 / (transport.ms / 1000);
  const ceilingMbS = ceiling.chars / 1e6 / (ceiling.ms / 1000);
  const growth = mb(rss.last - rss.first);
  const peakGrowth = mb(rss.peak - rss.first);
  const appGrowth = mb(appRss.last - appRss.first);
  const agentHostGrowth = growth - appGrowth;
  const appCpu = cpu.app ?? 0;
  const agentHostCpu = cpu.agentHost ?? 0;
  const hostCpu = appCpu + agentHostCpu;
  report(
    'terminal-throughput',
    `${round(chars / 1e6)} MB of 80-column lines, pty → browser host → xterm in Chromium, acked`,
    {
      pipeline_mb_s: round(pipelineMbS),
      raw_mb_s: round(rawMbS),
      ratio: round(ratio, 2),
      main_rss_growth_mb: round(growth),
      main_rss_peak_growth_mb: round(peakGrowth),
      app_rss_growth_mb: round(appGrowth),
      agent_host_rss_growth_mb: round(agentHostGrowth),
      main_rss_retained_mb: round(retained),
      transport_mb_s: round(transportMbS),
      transport_ratio: round(transportMbS / rawMbS, 2),
      xterm_ceiling_mb_s: round(ceilingMbS),
      ratio_to_xterm_ceiling: round(pipelineMbS / ceilingMbS, 2),
      mb: round(chars / 1e6),
      chars_missing: expectedChars - chars,
      host_cpu_pct: round(hostCpu),
      app_cpu_pct: round(appCpu),
      agent_host_cpu_pct: round(agentHostCpu),
      renderer_cpu_pct: round(cpu.renderer ?? 0),
    },
    [
      { label: 'pipeline (parsed by xterm, acked)', value: `${round(pipelineMbS)} MB/s` },
      { label: 'raw pty drain (node-pty only)', value: `${round(rawMbS)} MB/s` },
      { label: 'ratio', value: `${round(ratio, 2)}`, target: target('≥ 0.50', ratio >= 0.5) },
      {
        label: 'transport only (host → WebSocket, no xterm)',
        value: `${round(transportMbS)} MB/s = ${round(transportMbS / rawMbS, 2)} of raw`,
      },
      {
        label: `xterm alone in this page (${ceiling.cols}×${ceiling.rows})`,
        value: `${round(ceilingMbS)} MB/s; pipeline = ${round(pipelineMbS / ceilingMbS, 2)} of it`,
      },
      {
        label: 'host RSS growth (app + agent host), end / peak',
        value: `${round(growth)} / ${round(peakGrowth)} MB (end: app ${round(appGrowth)}, agent host ${round(agentHostGrowth)})`,
      },
      {
        label: 'app live heap + buffers retained after a full GC',
        value: `${round(retained)} MB`,
        target: target(`flat, < ${retainedLimitMb} MB`, retained < retainedLimitMb),
      },
      { label: 'characters delivered / expected', value: `${chars} / ${expectedChars}` },
      { label: 'host had sent everything after', value: `${round(sentMs / 1000, 2)} s of ${round(ms / 1000, 2)} s` },
      { label: 'messages, data / acks', value: `${dataMessages} / ${ackMessages}` },
      {
        label: 'CPU, host (app + agent host) / renderer',
        value: `${round(hostCpu)} (${round(appCpu)} + ${round(agentHostCpu)}) / ${round(cpu.renderer ?? 0)} % of a core`,
      },
    ],
  );
});
