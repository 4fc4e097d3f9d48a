import { useProjectsStore } from '../state/projects-store';
import { useUiStore } from '../state/ui-store';
import { closePlans, openPlans, usePlansSync } from './plans-store';

/**
 * The sidebar's way into Plans, which it opens in the main area (and closes again, like the merge
 * queue's entry). The sidebar is always there, so it is also what keeps the app's plan runs current
 * for the gate bars over task threads.
 */
export function PlansNavItem() {
  usePlansSync();
  const projectId = useProjectsStore((state) => state.selectedId);
  const shown = useUiStore((state) => state.mainView === 'plans');
  return (
    <button
      type="button"
      className={`sidebar-nav-item${shown ? ' active' : ''}`}
      data-testid="plans-open"
      aria-pressed={shown}
      disabled={projectId === null}
      title="Dispatch a batch of briefs: check, dry run, run wave by wave, land in order"
      onClick={shown ? closePlans : openPlans}
    >
      Plans
      <span className="muted">a batch of briefs, run in waves</span>
    </button>
  );
}
