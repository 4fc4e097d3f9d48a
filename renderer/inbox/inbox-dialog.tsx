import { useMemo } from 'react';
import { plural } from '../../shared/plural';
import { useProjectsStore } from '../state/projects-store';
import { useStatusClock } from '../state/status-clock';
import { useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';
import { Modal } from '../ui/modal';
import { inboxGroups } from './inbox-selection';
import { useInboxStore } from './inbox-store';
import { revealThread } from './reveal-thread';
import { describeSince, describeWait } from './waited-for';

/** "Needs you": the waiting and failed threads of every open project; a click opens one. */
export function InboxDialog() {
  const open = useInboxStore((state) => state.open);
  return open ? <InboxList /> : null;
}

function InboxList() {
  const setOpen = useInboxStore((state) => state.setOpen);
  const byId = useThreadsStore((state) => state.byId);
  const statusSince = useThreadsStore((state) => state.statusSince);
  const projects = useProjectsStore((state) => state.projects);
  // "waiting 3 minutes" keeps counting while the inbox is open, on the one status clock.
  const now = useStatusClock();
  const groups = useMemo(() => inboxGroups(byId, projects, statusSince, now), [byId, projects, statusSince, now]);
  const close = () => setOpen(false);

  const open = (threadId: string) => {
    close();
    if (revealThread(threadId)) useUiStore.getState().focusTerminal();
  };

  return (
    <Modal title="Needs you" testId="inbox-dialog" onClose={close} wide>
      {groups.length === 0 ? (
        <p className="muted" data-testid="inbox-empty">
          Nothing needs you: no agent in any open project is waiting for input or has failed.
        </p>
      ) : (
        groups.map(({ project, rows }, groupIndex) => (
          <section
            key={project.id}
            className="inbox-group"
            data-testid="inbox-group"
            aria-labelledby={`inbox-project-${project.id}`}
          >
            <h3 id={`inbox-project-${project.id}`} className="inbox-project" title={project.path}>
              {project.name} <span className="muted">{plural(rows.length, 'thread')}</span>
            </h3>
            <ul className="inbox-rows">
              {rows.map(({ thread, since, observed }, rowIndex) => (
                <li key={thread.id}>
                  <button
                    type="button"
                    className="inbox-row"
                    data-testid="inbox-row"
                    data-thread-id={thread.id}
                    data-status={thread.status}
                    data-autofocus={groupIndex === 0 && rowIndex === 0 ? true : undefined}
                    onClick={() => open(thread.id)}
                  >
                    <span className={`inbox-status status-${thread.status}`}>
                      {thread.status === 'failed' ? 'Failed' : 'Needs input'}
                    </span>
                    <span className="inbox-name">{thread.name}</span>
                    <span className="inbox-reason muted">{thread.statusReason ?? ''}</span>
                    <span
                      className="inbox-waited muted"
                      data-testid="inbox-waited"
                      title={describeSince(since, now, observed)}
                    >
                      {describeWait(thread.status, Math.max(0, now - since), observed)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </Modal>
  );
}
