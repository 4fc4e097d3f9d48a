import type { Thread } from '../../shared/models';
import {
  countByFilter,
  type ThreadFilter,
  threadFilterIds,
  threadFilters,
  type ThreadSort,
  threadSortLabels,
  useThreadsStore,
} from '../state/threads-store';

/** Always offered; the rarer states (queued, idle, stopped) appear only when some thread is in them. */
const alwaysShown: ReadonlySet<ThreadFilter> = new Set(['all', 'needs-input', 'working', 'done', 'failed', 'archived']);

/** Narrow the sidebar to one kind of thread, and choose its order. */
export function ThreadFilterBar({ threads }: { threads: readonly Thread[] }) {
  const filter = useThreadsStore((state) => state.listFilter);
  const sort = useThreadsStore((state) => state.listSort);
  const setFilter = useThreadsStore((state) => state.setListFilter);
  const setSort = useThreadsStore((state) => state.setListSort);
  const counts = countByFilter(threads);

  return (
    <div className="thread-filter-bar" data-testid="thread-filter-bar">
      <div className="thread-filters" role="group" aria-label="Show threads">
        {threadFilterIds
          .filter((id) => alwaysShown.has(id) || counts[id] > 0 || filter === id)
          .map((id) => (
            <button
              key={id}
              type="button"
              className={`thread-filter thread-filter-${id}${filter === id ? ' active' : ''}`}
              aria-pressed={filter === id}
              data-testid={`thread-filter-${id}`}
              disabled={id !== 'all' && id !== filter && counts[id] === 0}
              onClick={() => setFilter(id)}
            >
              {threadFilters[id].label}
              {id !== 'all' && counts[id] > 0 && <span className="thread-filter-count">{counts[id]}</span>}
            </button>
          ))}
      </div>
      <select
        className="select thread-sort"
        value={sort}
        data-testid="thread-sort"
        aria-label="Order threads by"
        onChange={(event) => setSort(event.target.value as ThreadSort)}
      >
        {(Object.keys(threadSortLabels) as ThreadSort[]).map((id) => (
          <option key={id} value={id}>
            {threadSortLabels[id]}
          </option>
        ))}
      </select>
    </div>
  );
}
