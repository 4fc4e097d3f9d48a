import { create } from 'zustand';
import type { TerminalKind } from '../../shared/contract/terminal';
import type { Thread } from '../../shared/models';
import { useUiStore } from '../state/ui-store';
import { TerminalPane } from '../terminal/terminal-pane';

interface TerminalTabState {
  /** Which terminal the terminal tab shows: the agent's or the plain shell. */
  shown: TerminalKind;
  /** Threads whose shell has been opened in this window: its pane stays mounted (and streaming) from then on. */
  openedShells: ReadonlySet<string>;
  show(kind: TerminalKind, threadId: string): void;
}

export const useTerminalTabStore = create<TerminalTabState>()((set) => ({
  shown: 'agent',
  openedShells: new Set(),
  show: (kind, threadId) =>
    set((state) => ({
      shown: kind,
      openedShells: kind === 'shell' ? new Set([...state.openedShells, threadId]) : state.openedShells,
    })),
}));

/** The thread's tabs: its agent's terminal, a plain terminal in its worktree, and the review. */
export function ThreadTabs({ thread }: { thread: Thread }) {
  const tab = useUiStore((state) => state.tab);
  const setTab = useUiStore((state) => state.setTab);
  const shown = useTerminalTabStore((state) => state.shown);
  const show = useTerminalTabStore((state) => state.show);
  const open = (kind: TerminalKind) => {
    show(kind, thread.id);
    setTab('terminal');
  };
  const agentActive = tab === 'terminal' && shown === 'agent';
  const shellActive = tab === 'terminal' && shown === 'shell';
  return (
    <div className="tabs" role="tablist">
      <button
        type="button"
        role="tab"
        className={`tab${agentActive ? ' active' : ''}`}
        aria-selected={agentActive}
        data-testid="tab-terminal"
        title="The agent's terminal"
        onClick={() => open('agent')}
      >
        Agent
      </button>
      <button
        type="button"
        role="tab"
        className={`tab${shellActive ? ' active' : ''}`}
        aria-selected={shellActive}
        data-testid="tab-shell"
        title="A shell of your own in the thread's worktree (not an agent: it never takes an agent slot)"
        onClick={() => open('shell')}
      >
        Terminal
      </button>
      <button
        type="button"
        role="tab"
        className={`tab${tab === 'diff' ? ' active' : ''}`}
        aria-selected={tab === 'diff'}
        data-testid="tab-diff"
        onClick={() => setTab('diff')}
      >
        Review
      </button>
    </div>
  );
}

/**
 * The agent's terminal and, once opened, the thread's plain shell: both stay mounted behind the
 * other tabs so their live streams are never interrupted.
 */
export function ThreadTerminals({ thread }: { thread: Thread }) {
  const tab = useUiStore((state) => state.tab);
  const shown = useTerminalTabStore((state) => state.shown);
  const shellOpened = useTerminalTabStore((state) => state.openedShells.has(thread.id));
  const shellVisible = tab === 'terminal' && shown === 'shell';
  return (
    <>
      <TerminalPane threadId={thread.id} status={thread.status} visible={tab === 'terminal' && shown === 'agent'} />
      {(shellOpened || shellVisible) && (
        <TerminalPane threadId={thread.id} status={thread.status} visible={shellVisible} kind="shell" />
      )}
    </>
  );
}
