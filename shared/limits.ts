/**
 * The numbers that bound what the app holds, runs at once or waits for, each with why it is what
 * it is: one place to read them and to tune them together. Terminal flow control has its own
 * file (flow-control.ts), the same way. Tests pass smaller values where a module takes options.
 */

// Git

/**
 * Git processes running at once, across every thread and project; more wait their turn. A burst
 * of refreshes must queue rather than fork hundreds of gits at once.
 */
export const maxConcurrentGit = 6;

// Agents and their terminals

/**
 * How long after a program's exit notice its status is reported. Trailing output can arrive just
 * after the notice and belongs to the screen the status is read from (VS Code waits 250 ms).
 */
export const exitSettleMs = 100;

/** Output silence after a program's exit taken to mean the pty has been read to the end. */
export const exitDrainQuietMs = 30;

/** Longest that reading the pty to the end may take: a background process still writing to it must not hold the exit forever. */
export const exitDrainLimitMs = 2_000;

// Status read off the screen

/** Output silence after which an agent's screen is read for its status. */
export const statusSettleMs = 300;

/** Longest a screen read waits while output keeps coming: spinners and animations never go quiet. */
export const statusMaxSettleMs = 1_000;

/** Output silence after which an agent whose screen shows nothing known counts as idle. */
export const statusIdleMs = 4_000;

/**
 * How often a plain shell's terminal is asked what runs in its foreground (shell threads only;
 * agents are never polled). Output already triggers the check, so this only catches a program
 * that starts or ends without printing (echo off, a silent `sleep`): one second is soon enough
 * for a glance at the sidebar, and a check is one tcgetpgrp and a short /proc read (2–3 µs
 * measured on Linux), so even a hundred shells cost nothing noticeable.
 */
export const shellForegroundCheckMs = 1_000;

/** Output this soon after typing or a resize is the terminal echoing or redrawing, not the agent working. */
export const echoWindowMs = 150;

/**
 * How often output is handed to the status screen's parser. Parsing costs 5–35 MB/s of CPU, and
 * nobody reads this screen until output settles (or once a second during a burst), so a flood need
 * not be emulated byte by byte: what gathers between two parses is cut down to its tail.
 */
export const screenParseIntervalMs = 100;

/**
 * Output held between two parses before its head is dropped (a TUI's redraws stay far below this).
 * Held as bytes in a ring, not as the strings that came in: held for up to `screenParseIntervalMs`,
 * a flood's strings would outlive V8's young-generation collections and be copied and promoted.
 */
export const screenHeldChars = 96_000;

/** What is parsed of a flood: enough to rebuild the bottom of a line-oriented screen. */
export const screenKeptTailChars = 32_000;

// Review and verification

/** More files than this in one review summary are counted, not listed (an unignored build folder, say). */
export const maxListedFiles = 5_000;

/** Commits a review lists; a longer branch says that its list was cut. */
export const maxListedCommits = 300;

/**
 * How long a window's `review.watch` holds before it must renew it: a window that vanishes
 * without a word stops the watching of its worktrees within this.
 */
export const reviewWatchLeaseMs = 60_000;

/**
 * The last part of a verification's output kept per run (in bytes, so at most this many
 * characters): in review.json, in a stopped landing's outcome, and in the views. The live stream
 * while it runs is paced and may leave out the middle of a flood ("[… N bytes not shown …]").
 */
export const keptOutputChars = 64 * 1024;

/** How long a verification command has to end after SIGTERM before its whole process group gets SIGKILL. */
export const verificationKillGraceMs = 3_000;

// Merge queue

/** Thread updates come in bursts (status changes): the conflict matrix is recomputed once they have been quiet this long. */
export const matrixRecomputeDelayMs = 300;

// Browser host, per tab

/**
 * How much unsent output one tab may have waiting in the host (ws.bufferedAmount: what the
 * kernel has not taken yet). A tab that stops reading (a frozen or backgrounded browser, a
 * stalled network) otherwise makes the host hold every event for it, without bound, until it
 * runs out of memory. 8 MB is many seconds of the busiest agent's terminal output, so a tab that
 * is merely slow never meets it; past it the tab is closed with slowConsumerCloseCode (wire.ts),
 * reconnects and fetches the current state instead of the backlog.
 */
export const maxBufferedBytesPerConnection = 8 * 1024 * 1024;

/**
 * Requests of one tab that run at once. Enough for a page loading everything in parallel; a
 * flood from one tab cannot crowd the shared git queue (`maxConcurrentGit`) for the others.
 */
export const maxRunningRequestsPerConnection = 32;

/** Requests of one tab that may wait for a running slot; beyond this they are answered `busy` at once. */
export const maxQueuedRequestsPerConnection = 1_000;

/**
 * JSON values (objects, arrays and what they hold) one request may carry, from a tab or the
 * window. The largest real ones (a price table, a profile, 500 thread ids) hold a few thousand;
 * a validator lists an issue per wrong value, so 4 MB of wrong ones held gigabytes for half a
 * minute. Counted before validation, without recursion.
 */
export const maxRequestValues = 10_000;

/** Validation issues named in an invalid request's answer; the rest are counted. */
export const maxIssuesNamed = 5;

// Usage read from the agents' own session records

/**
 * Quiet time after a change under an agent's session folder before its files are read: a streamed
 * reply writes several lines in a burst, and one read takes them all.
 */
export const usageWatchDebounceMs = 250;

/**
 * How often an agent's session folder is scanned when it cannot be watched (it does not exist
 * yet, or fs.watch failed on it, e.g. out of inotify watches): slow, because it lists the folder's
 * files, and usage a minute late is still useful. Retried as a watch at each scan.
 */
export const usageRescanFallbackMs = 60_000;

// Agents left in an older Switchyard's agent host

/**
 * How often the app asks an older Switchyard's agent host (another protocol version, which it
 * cannot adopt) which of its agents still run, to record each one's end. The host answers the
 * frozen handshake — one local-socket round trip, well under a millisecond, no state on either
 * side — so polling costs nothing measurable, and its pid alone would not tell which agent ended.
 * Two seconds: a thread reads "done" about as soon as a person would look.
 */
export const olderAgentHostPollMs = 2_000;

// Limits, retries and stalls read off an agent's screen

/**
 * A retry line ("Retrying in 5 seconds… (attempt 2/10)") still on screen this long after its
 * retry was due no longer counts: the attempt itself takes a while (a connect timeout), but Claude
 * Code leaves every attempt's line in its transcript once it goes on working.
 */
export const retryLineGraceMs = 30_000;

/**
 * An agent retrying a failing connection this long is "stalled", not working: a blip is retried
 * within seconds, while a dead network or a wrong API URL keeps opencode and Codex retrying for
 * minutes, looking busy (issue 16).
 */
export const stalledAfterMs = 60_000;

/**
 * Default for settings.stuckAfterMinutes: a working agent whose screen has not changed for this
 * long is shown as "stuck?" with a notification. Long enough for a silent test run or build
 * (spinners of real CLIs keep redrawing while a tool runs, so silence this long is unusual).
 */
export const defaultStuckAfterMinutes = 10;

/**
 * How often one shared timer checks every agent for a stall, a silence turned "stuck?" or a rate
 * limit that has reset (electron/status/status-clock.ts): each check is a few comparisons per
 * thread, so a hundred threads cost microseconds; five seconds is soon enough for a sidebar.
 */
export const statusClockTickMs = 5_000;

// The agent host's memory

/**
 * Longest line the agent host reads from a client that has not said hello yet (a hello is under
 * 200 characters), and from the data socket, where a client sends nothing else.
 */
export const maxAgentHostHelloChars = 64 * 1024;

/**
 * How long a client of the agent host has to say hello. The app says it as it connects (and
 * waits 5 s for the answer); a connection still without one is held for nobody.
 */
export const agentHostHelloTimeoutMs = 10_000;

/**
 * Longest line the agent host reads from a client after its hello: typed input is at most 1M
 * characters, up to 6M once escaped as JSON; a start carries a prompt of at most 100,000.
 */
export const maxAgentHostLineChars = 32 * 1024 * 1024;

/**
 * Answers and events one app may leave unread on its control socket before the host hangs up on
 * it. The app reads as they come, and its terminal output has its own socket and flow control;
 * only a client that has stopped reading gets here.
 */
export const maxAgentHostUnreadControlBytes = 32 * 1024 * 1024;

/**
 * How often the agent host looks at its JS heap to give back what a burst left behind (thread
 * starts, attaches, a flood's end): one heap-statistics read, a few microseconds.
 */
export const idleCollectCheckMs = 1_000;

/**
 * The longest the agent host puts off that look while its heap stays as it is (idle): the look
 * doubles its wait each time nothing changed, so an idle host is not woken every second for it.
 * A burst is then seen up to this late, and its garbage given back that much later.
 */
export const idleCollectMaxCheckMs = 32_000;

/**
 * Resident heap the agent host holds beyond what is live above which, once its heap stops
 * changing, it collects in full. V8 runs a full collection only when it must and keeps its young
 * generation at the size a burst grew it to (8 MB with 4 MB semi-spaces), so what thread starts,
 * attaches or a flood left behind stays resident while every agent sits idle; one collection
 * (~10 ms) gives it back (docs/performance.md, 2026-12-04, "idle collection").
 */
export const idleCollectSlackBytes = 4 * 1024 * 1024;

/**
 * "Stopped changing": the heap moved less than this since the previous check (a flood moves MBs a
 * second). Also what must have changed since the last collection before another: an idle host
 * allocates next to nothing, so it never collects twice in a row.
 */
export const idleCollectQuietBytes = 256 * 1024;

/**
 * Checks in a row the heap must stay quiet before the collection: V8 shrinks a grown young
 * generation only once allocation has been low for a while, and a collection right after a burst
 * gave back nothing measured (two seconds of quiet did not; five did, in an in-process probe).
 */
export const idleCollectQuietChecks = 4;
