import { formatBudgetAmount, usageReadingProfiles } from '../../shared/budget';
import type { Thread } from '../../shared/models';
import { BudgetEditor } from './budget-editor';
import { usageApi } from './usage-api';
import { costText, formatTokens } from './usage-format';
import '../styles/usage.css';

/** The thread header's spend: tokens by kind, model, cost (or why there is none), and its budget. */
export function UsageDetails({ thread }: { thread: Thread }) {
  const { usage, budgetAlert, budget } = thread;
  // An agent whose records are not read has nothing to show and nothing a budget could weigh.
  if (!usage && !budget && !budgetAlert && !usageReadingProfiles.has(thread.profileId)) return null;
  return (
    <div className="usage-details" data-testid="thread-usage-details">
      {usage ? (
        <>
          <span className="usage-cost mono" data-testid="thread-usage-cost">
            {costText(usage.costUsd, usage.model)}
          </span>
          <span className="muted mono" data-testid="thread-usage-tokens">
            in {formatTokens(usage.inputTokens)} · out {formatTokens(usage.outputTokens)} · cache read{' '}
            {formatTokens(usage.cacheReadTokens)} · cache write {formatTokens(usage.cacheWriteTokens)}
          </span>
          {usage.model && (
            <span className="muted mono" data-testid="thread-usage-model">
              {usage.model}
            </span>
          )}
        </>
      ) : (
        <span className="muted" data-testid="thread-usage-none">
          no usage recorded
        </span>
      )}
      {budgetAlert && (
        <span
          className={`mark usage-budget-${budgetAlert.level}`}
          data-testid="thread-header-budget-alert"
          data-level={budgetAlert.level}
        >
          {budgetAlert.text}
        </span>
      )}
      <details className="usage-budget">
        <summary data-testid="thread-budget-toggle">
          {budget
            ? `Budget: ${formatBudgetAmount(budget.unit, budget.limit)}${budget.stopAtLimit ? ', stops there' : ''}`
            : 'Budget…'}
        </summary>
        <BudgetEditor
          key={thread.id}
          subject="this thread"
          budget={budget}
          testId="thread-budget"
          onSave={(next) => usageApi.setThreadBudget(thread.id, next)}
        />
      </details>
    </div>
  );
}
