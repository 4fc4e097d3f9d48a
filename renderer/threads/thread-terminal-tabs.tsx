import type { ReactNode } from 'react';
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
      <Tab active={agentActive} testId="tab-terminal" title="The agent's terminal" onSelect={() => open('agent')}>
        Agent
      </Tab>
      <Tab
        active={shellActive}
        testId="tab-shell"
        title="A shell of your own in the thread's worktree (not an agent: it never takes an agent slot)"
        onSelect={() => open('shell')}
      >
        Terminal
      </Tab>
      <Tab active={tab === 'diff'} testId="tab-diff" onSelect={() => setTab('diff')}>
        Review
      </Tab>
    </div>
  );
}

function Tab({
  active,
  testId,
  title,
  onSelect,
  children,
}: {
  active: boolean;
  testId: string;
  title?: string;
  onSelect: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      className={`tab${active ? ' active' : ''}`}
      aria-selected={active}
      data-testid={testId}
      title={title}
      onClick={onSelect}
    >
      {children}
    </button>
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
