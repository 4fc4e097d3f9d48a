import { useProjectsStore } from '../state/projects-store';
import { openPlans } from './plans-store';

/** The sidebar's way into Plans. */
export function PlansNavItem() {
  const projectId = useProjectsStore((state) => state.selectedId);
  return (
    <button
      type="button"
      className="sidebar-nav-item"
      data-testid="plans-open"
      disabled={projectId === null}
      title="Dispatch a batch of briefs: check, dry run, run wave by wave, land in order"
      onClick={openPlans}
    >
      Plans
      <span className="muted">a batch of briefs, run in waves</span>
    </button>
  );
}
