import { useEffect } from 'react';
import { useThreadsStore } from '../state/threads-store';

/** "(2) Switchyard" while agents wait for input, so a background window or tab still signals it. */
export function useAttentionTitle(): void {
  const waiting = useThreadsStore((state) =>
    Object.values(state.byId).reduce((n, thread) => n + (thread.status === 'needs-input' ? 1 : 0), 0),
  );
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) Switchyard` : 'Switchyard';
  }, [waiting]);
}
