import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { TerminalKind } from '../../shared/contract/terminal';
import type { WireError } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import { InputSerializer } from './input-serializer';
import { flowControl } from '../../shared/flow-control';
import { AckCounter } from './ack-counter';
import { drawWithGpuWhereAvailable } from './gpu-renderer';
import { ReplayGate } from './replay-gate';
import { terminalFontFamily, terminalTheme } from './terminal-theme';
import { getBridge } from '../transport/bridge';
import { getActions } from '../state/actions';
import { useTerminalSizeStore } from '../state/terminal-size-store';
import { useUiStore } from '../state/ui-store';
import { useConnectionState } from '../state/use-connection-state';

const resizeDebounceMs = 50;

interface TerminalPaneProps {
  threadId: string;
  /** Hidden (not unmounted) behind the diff tab, so live output keeps flowing into it. */
  visible: boolean;
  status: Thread['status'];
  /** The agent's terminal (default), or the plain shell in the thread's worktree. */
  kind?: TerminalKind;
}

interface Xterm {
  term: Terminal;
  fit: FitAddon;
}

/**
 * The selected thread's live terminal: its agent's, or (`kind: 'shell'`) the plain shell beside it,
 * which the host starts on the first attach. One xterm lives as long as the pane; switching threads
 * resets it, attaches to the new thread (its scrollback first, then live output to this window
 * only) and detaches from the old one.
 */
export function TerminalPane({ threadId, visible, status, kind = 'agent' }: TerminalPaneProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const xtermRef = useRef<Xterm | null>(null);
  /** The thread whose size the host last heard about, and at what size. */
  const sentSizeRef = useRef<{ threadId: string; cols: number; rows: number } | null>(null);
  const threadIdRef = useRef(threadId);
  const kindRef = useRef(kind);
  const visibleRef = useRef(visible);
  const [replayAttempt, setReplayAttempt] = useState(0);
  const epoch = useConnectionState().epoch;
  const focusRequest = useUiStore((state) => state.terminalFocusRequest);
  // Outcome of one replay session; a session that has not reported yet is still loading.
  const session = `${threadId}:${epoch}:${replayAttempt}`;
  const [replayOutcome, setReplayOutcome] = useState<{ session: string; result: 'ready' | WireError } | null>(null);
  const replayState = replayOutcome?.session === session ? replayOutcome.result : 'loading';

  useEffect(() => {
    visibleRef.current = visible;
  }, [visible]);

  /** Fits the terminal to its box and tells the host the new size (once per change per thread). */
  const fitAndReport = useRef(() => {
    const xterm = xtermRef.current;
    const container = containerRef.current;
    // A hidden pane measures 0×0; fitting then would squash the terminal to its minimum.
    if (!xterm || !container || container.clientWidth === 0 || container.clientHeight === 0) return;
    xterm.fit.fit();
    const { cols, rows } = xterm.term;
    // The agent's size is the one new agents start at; a shell's pane says nothing about it.
    if (kindRef.current === 'agent') useTerminalSizeStore.getState().setSize(cols, rows);
    const currentThread = threadIdRef.current;
    const sent = sentSizeRef.current;
    if (sent && sent.threadId === currentThread && sent.cols === cols && sent.rows === rows) return;
    sentSizeRef.current = { threadId: currentThread, cols, rows };
    void getBridge()
      .invoke('terminal.resize', { threadId: currentThread, terminal: kindRef.current, cols, rows })
      .then((result) => {
        // Resizing a finished agent is refused harmlessly; anything else is worth knowing about.
        if (!result.ok && result.error.kind !== 'not-found') {
          getActions().reportThreadError(currentThread, 'Resize terminal', result.error);
        }
      });
  });

  // One xterm for the pane's lifetime.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const term = new Terminal({
      theme: terminalTheme,
      fontFamily: terminalFontFamily,
      fontSize: 13,
      lineHeight: 1.15,
      scrollback: 10_000,
      // A blinking cursor is a 60 fps animation: it kept an idle window at ~10% of a core (bench: idle-threads).
      cursorBlink: false,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(container);
    container.dataset.renderer = drawWithGpuWhereAvailable(term);
    xtermRef.current = { term, fit };

    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => fitAndReport.current(), resizeDebounceMs);
    });
    observer.observe(container);

    return () => {
      observer.disconnect();
      clearTimeout(timer);
      xtermRef.current = null;
      term.dispose();
    };
  }, []);

  // Per thread (and again after a reconnect, which may have lost output): replay, then go live.
  useEffect(() => {
    const xterm = xtermRef.current;
    if (!xterm) return;
    const { term } = xterm;
    const bridge = getBridge();
    threadIdRef.current = threadId;
    // Reset in write order: output of the previous thread may still sit in xterm's write queue, and
    // a direct reset() would run before it, letting it land on this thread's screen.
    term.write('', () => term.reset());
    const thisSession = `${threadId}:${epoch}:${replayAttempt}`;

    let active = true;
    // xterm answers some escape sequences (e.g. cursor-position queries) through onData. Answers to
    // queries inside old, replayed output would reach the agent as bogus keystrokes, so input is
    // only forwarded once the replay has been parsed.
    let acceptingInput = false;
    // Live output is acknowledged once xterm has parsed it; the host pauses the agent when we fall behind.
    const acks = new AckCounter(
      (chars) => void bridge.invoke('terminal.ack', { threadId, terminal: kind, chars }),
      flowControl.ackStepChars,
    );
    let idleFlush: ReturnType<typeof setTimeout> | undefined;
    const gate = new ReplayGate((data, liveChars) =>
      term.write(
        data,
        liveChars === 0
          ? undefined
          : () => {
              acks.parsed(liveChars);
              // A remainder below one step is sent once output pauses, so nothing stays owed.
              clearTimeout(idleFlush);
              idleFlush = setTimeout(() => acks.flush(), 100);
            },
      ),
    );
    const input = new InputSerializer(async (data) => {
      const result = await bridge.invoke('terminal.input', { threadId, terminal: kind, data });
      if (!result.ok) getActions().reportThreadError(threadId, 'Send input', result.error);
    });

    const offData = bridge.on('terminal.data', (chunk) => {
      if (active && chunk.threadId === threadId && (chunk.terminal ?? 'agent') === kind) gate.push(chunk);
    });
    const onData = term.onData((data) => {
      if (acceptingInput) input.push(data);
    });

    // Size first, so the agent's redraw after the replay request matches what we show.
    fitAndReport.current();
    void bridge.invoke('terminal.attach', { threadId, terminal: kind }).then((result) => {
      if (!active) return;
      if (!result.ok) {
        setReplayOutcome({ session: thisSession, result: result.error });
        return;
      }
      gate.applyReplay(result.value.data, result.value.end);
      term.write('', () => {
        if (!active) return;
        acceptingInput = true;
        setReplayOutcome({ session: thisSession, result: 'ready' });
        // Not while the dispatcher walks the sidebar with the arrow keys: the keyboard stays there.
        if (visibleRef.current && !useUiStore.getState().sidebarHasKeyboard) term.focus();
      });
    });

    return () => {
      active = false;
      offData();
      onData.dispose();
      clearTimeout(idleFlush);
      // Stop the stream to this window; it no longer holds the agent back either.
      void bridge.invoke('terminal.detach', { threadId, terminal: kind });
    };
  }, [threadId, kind, epoch, replayAttempt]);

  // Becoming visible (tab switch) or an explicit request (a dialog closed): take the keyboard.
  useEffect(() => {
    if (!visible) return;
    fitAndReport.current();
    xtermRef.current?.term.focus();
  }, [visible, focusRequest]);

  // The shell is not the agent: the agent's end says nothing about it.
  const finished = kind === 'agent' && (status === 'done' || status === 'failed' || status === 'stopped');
  return (
    <div
      className="terminal-pane"
      data-testid={kind === 'shell' ? 'shell-pane' : 'terminal-pane'}
      data-thread-id={threadId}
      data-terminal={kind}
      data-replay={typeof replayState === 'string' ? replayState : 'error'}
      hidden={!visible}
    >
      <div className="terminal-host" ref={containerRef} />
      {typeof replayState !== 'string' && (
        <div className="pane-overlay" role="alert" data-testid="terminal-error">
          <p>
            Could not {kind === 'shell' ? 'open a terminal in this thread' : "load this thread's terminal"}:{' '}
            {replayState.message}
          </p>
          <button type="button" className="button" onClick={() => setReplayAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {finished && replayState === 'ready' && (
        <div className="terminal-footer muted" data-testid="terminal-ended">
          The agent has exited; this is its final output.
        </div>
      )}
    </div>
  );
}
