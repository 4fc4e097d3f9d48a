/**
 * How fast the review pane opens on a large branch: 500 changed files / 20,000 changed lines (20
 * of the files with a run of 100 lines replaced, the rest new), one 5 MB file and one binary, in the browser host in Chromium. Measured in the page: from the click
 * on the Review tab to the file list on screen (it is windowed: it holds all 500 files and its
 * rows fill its viewport), and to the first file's diff rendered; then the longest main-thread
 * task while scrolling through the whole file list (every row must be drawn on the way) and
 * through every file's diff (each loads and renders as it comes into view). Then the same opening
 * again, when the branch's committed side is cached.
 */
import { HostHandle } from './host/host-handle';
import { DashboardPage } from './support/dashboard-page';
import { writeLargeDiff, writeLargeDiffBase } from './support/large-diff-repo';
import { runBenchmark } from './support/lifecycle';
import { profileRenderer } from './support/profiling';
import { progress, report, round, target } from './support/report';
import { makeWorkspace } from './support/workspace';

const shape = { files: 500, lines: 20_000 };
const targets = { fileListMs: 300, firstFileMs: 500, longestTaskMs: 50 };

/** Runs in the page: click Review, then check every frame for the list and the first diff. */
const openPane = `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); })
    .observe({ type: 'longtask' });
  // The list is windowed: shown when it holds every file and its rows fill its viewport.
  const listShown = () => {
    const list = document.querySelector('[data-testid="diff-file-list"]');
    const scroller = list?.querySelector('[data-testid="diff-file-scroll"]');
    if (!scroller || list.dataset.files !== '${shape.files}') return false;
    const view = scroller.getBoundingClientRect();
    const rows = [...scroller.querySelectorAll('[data-testid="diff-file"]')].map((row) => row.getBoundingClientRect());
    return rows.some((r) => r.top >= view.top && r.top < view.bottom) && Math.max(...rows.map((r) => r.bottom)) >= view.bottom;
  };
  const start = performance.now();
  document.querySelector('[data-testid="tab-diff"]').click();
  let fileList = null, firstFile = null;
  while ((fileList === null || firstFile === null) && performance.now() - start < 30000) {
    await frame();
    const now = performance.now() - start;
    if (fileList === null && listShown()) fileList = now;
    if (firstFile === null && document.querySelector('[data-testid="review-file"] .d2h-code-line-ctn')) firstFile = now;
  }
  return { fileList, firstFile, openLongest: Math.max(0, ...longTasks) };
})()`;

/** Runs in the page: scroll the diffs to the end a screen at a time, then let loading settle. */
const scrollThrough = `(async () => {
  // The longest gap between two frames while scrolling: what a long task or a long frame of
  // layout and paint costs, below the 50 ms the Long Tasks API starts at too.
  let lastFrame = performance.now();
  let longestFrame = 0;
  const frame = () => new Promise((resolve) => requestAnimationFrame((now) => {
    longestFrame = Math.max(longestFrame, now - lastFrame);
    lastFrame = now;
    resolve(now);
  }));
  const longTasks = [];
  // Where each long task fell: scrolling the list, scrolling the diffs, or waiting at the end.
  let phase = 'list';
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ ms: Math.round(e.duration), phase });
  });
  observer.observe({ type: 'longtask' });
  const start = performance.now();
  // The file list first, a screen at a time: every row is drawn on the way.
  const list = document.querySelector('[data-testid="diff-file-scroll"]');
  const listed = new Set();
  const seeRows = () => list.querySelectorAll('[data-testid="diff-file"]').forEach((row) => listed.add(row.dataset.path));
  seeRows();
  while (list.scrollTop + list.clientHeight < list.scrollHeight - 2 && performance.now() - start < 30000) {
    list.scrollTop += list.clientHeight;
    await frame();
    await frame();
    seeRows();
  }
  const scroller = document.querySelector('.review-diffs');
  phase = 'diffs';
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2 && performance.now() - start < 60000) {
    scroller.scrollTop += 900;
    await frame();
  }
  // Diffs that were requested on the way render now; wait until every file has. A file the
  // scroll went past without drawing (it would draw when scrolled back to) is scrolled back to,
  // and counted.
  phase = 'end';
  const unrendered = () => document.querySelector('[data-testid="review-file"][data-rendered="false"]');
  const passed = new Set();
  let settledAt = performance.now();
  while (unrendered() && performance.now() - start < 90000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const block = unrendered();
    if (!block || performance.now() - settledAt < 2000) continue;
    passed.add(block.dataset.fileId);
    block.scrollIntoView({ block: 'center' });
    settledAt = performance.now();
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  observer.disconnect();
  return {
    ms: performance.now() - start,
    longest: Math.max(0, ...longTasks.map((t) => t.ms)),
    longTaskPhases: longTasks.filter((t) => t.ms > 50).map((t) => t.ms + ' ms ' + t.phase),
    longestFrame,
    listed: listed.size,
    rendered: document.querySelectorAll('[data-testid="review-file"][data-rendered="true"]').length,
    passed: passed.size,
    binary: document.querySelector('[data-testid="binary-note"]')?.textContent ?? null,
    capped: document.querySelectorAll('[data-testid="diff-capped"]').length,
  };
})()`;

runBenchmark(async () => {
  const { repo, dataDir } = await makeWorkspace();
  await writeLargeDiffBase(repo);
  const host = await HostHandle.start(dataDir);
  const projectId = await host.openProject(repo);
  const thread = await host.createThread(projectId, 'Large', ['/bin/sh', '-c', 'true']);
  progress(`writing ${shape.files} files / ${shape.lines} lines (one 5 MB, one binary) on the branch`);
  await writeLargeDiff(thread.worktreePath, shape);

  const page = await DashboardPage.open(host.ready.url);
  await page.selectThread(thread.id);
  await page.settle();
  progress('opening the review pane');
  const opened = await profileRenderer(page, 'large-diff-open', () =>
    page.evaluate<{ fileList: number | null; firstFile: number | null; openLongest: number }>(openPane),
  );
  if (opened.fileList === null || opened.firstFile === null) throw new Error('the review pane did not show the diff');
  progress('scrolling through every file');
  await page.evaluate(
    `window.addEventListener('error', (e) => (window.__benchErrors ??= []).push(String(e.error?.stack ?? e.message)))`,
  );
  const scrolled = await profileRenderer(page, 'large-diff-scroll', () =>
    page.evaluate<{
      ms: number;
      longest: number;
      longestFrame: number;
      longTaskPhases: string[];
      listed: number;
      rendered: number;
      passed: number;
      binary: string | null;
      capped: number;
    }>(scrollThrough),
  );
  // Open it again: the committed side of the summary is cached per commit pair by then.
  await page.evaluate(`document.querySelector('[data-testid="tab-terminal"]').click()`);
  await page.waitFor(`document.querySelector('[data-testid="diff-pane"]') === null`, 'the review pane to close');
  await page.settle();
  const reopened = await page.evaluate<{ fileList: number | null; firstFile: number | null; openLongest: number }>(
    openPane,
  );
  if (scrolled.listed !== shape.files) throw new Error(`only ${scrolled.listed} of ${shape.files} files were listed`);
  if (scrolled.rendered !== shape.files) {
    const shown = await page.evaluate<string>(
      `(window.__benchErrors ?? []).join('\\n').slice(0, 1500) + (document.querySelector('[data-testid="thread-view"]')?.innerText ?? document.body.innerText).slice(0, 600)`,
    );
    throw new Error(`only ${scrolled.rendered} of ${shape.files} files rendered; the page shows:\n${shown}`);
  }

  report(
    'large-diff',
    `${shape.files} files / ${shape.lines} lines (one 5 MB, one binary), review pane in Chromium`,
    {
      files: shape.files,
      lines: shape.lines,
      file_list_ms: round(opened.fileList),
      first_file_ms: round(opened.firstFile),
      longest_task_ms: round(scrolled.longest),
      longest_frame_gap_ms: round(scrolled.longestFrame),
      long_tasks: scrolled.longTaskPhases,
      open_longest_task_ms: round(opened.openLongest),
      file_list_reopen_ms: round(reopened.fileList ?? Number.NaN),
      first_file_reopen_ms: round(reopened.firstFile ?? Number.NaN),
      scroll_all_ms: round(scrolled.ms),
      files_passed_unrendered: scrolled.passed,
    },
    [
      {
        label: 'file list shown',
        value: `${round(opened.fileList)} ms`,
        target: target(`< ${targets.fileListMs} ms`, opened.fileList < targets.fileListMs),
      },
      {
        label: 'first file diff shown',
        value: `${round(opened.firstFile)} ms`,
        target: target(`< ${targets.firstFileMs} ms`, opened.firstFile < targets.firstFileMs),
      },
      {
        label: 'longest task, scrolling list + diffs',
        value: `${round(scrolled.longest)} ms (${scrolled.longTaskPhases.length} over 50 ms${scrolled.longTaskPhases.length > 0 ? `: ${scrolled.longTaskPhases.join(', ')}` : ''})`,
        target: target(`≤ ${targets.longestTaskMs} ms`, scrolled.longest <= targets.longestTaskMs),
      },
      { label: 'longest gap between frames, scrolling', value: `${round(scrolled.longestFrame)} ms` },
      { label: 'longest task, opening', value: `${round(opened.openLongest)} ms` },
      {
        label: 'opened again: list / first file',
        value: `${round(reopened.fileList ?? Number.NaN)} ms / ${round(reopened.firstFile ?? Number.NaN)} ms`,
      },
      {
        label: 'scroll through all, rendered',
        value: `${round(scrolled.ms / 1000, 1)} s, ${scrolled.rendered} files (${scrolled.passed} passed undrawn)`,
      },
      { label: 'binary / capped', value: `${scrolled.binary ?? 'none'} / ${scrolled.capped} capped` },
    ],
  );
});
