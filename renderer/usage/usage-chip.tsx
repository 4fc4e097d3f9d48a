import type { Thread } from '../../shared/models';
import { totalTokens } from '../../shared/usage';
import { compactUsage, costText, formatTokens } from './usage-format';
import '../styles/usage.css';

/** The sidebar row's spend ("$0.42", or "12k tok" without a price) and its budget state. */
export function UsageChip({ thread }: { thread: Thread }) {
  const { usage, budgetAlert } = thread;
  if (!usage && !budgetAlert) return null;
  return (
    <span className="usage-chip-row">
      {usage && (
        <span
          className="usage-chip mono"
          data-testid="thread-usage"
          title={`${formatTokens(totalTokens(usage))} tokens, ${costText(usage.costUsd, usage.model)}`}
        >
          {compactUsage(usage)}
        </span>
      )}
      {budgetAlert && (
        <span
          className={`mark usage-budget-${budgetAlert.level}`}
          data-testid="thread-budget-alert"
          data-level={budgetAlert.level}
          title={budgetAlert.text}
        >
          {budgetAlert.level === 'over' ? 'over budget' : '⚠ budget'}
        </span>
      )}
    </span>
  );
}
