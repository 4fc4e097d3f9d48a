import { openUsageView } from './usage-store';

/** The top bar's way into the Usage view. */
export function UsageButton() {
  return (
    <button
      type="button"
      className="button small"
      data-testid="usage-button"
      title="What the agents have spent: per project, model, plan run and day"
      onClick={openUsageView}
    >
      Usage
    </button>
  );
}
