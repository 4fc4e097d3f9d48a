import { useId, useState, type FormEvent } from 'react';
import { type Budget, formatBudgetAmount } from '../../shared/budget';
import type { WireError } from '../../shared/errors';
import type { Result } from '../../shared/contract';
import { InlineError } from '../ui/inline-error';

interface BudgetEditorProps {
  /** What the budget caps, for the labels: "this thread", "this project". */
  readonly subject: string;
  readonly budget: Budget | null;
  readonly testId: string;
  onSave(budget: Budget | null): Promise<Result<unknown>>;
}

/** A budget in dollars or tokens, with "stop at limit"; a blank limit removes it. */
export function BudgetEditor({ subject, budget, testId, onSave }: BudgetEditorProps) {
  const id = useId();
  const [unit, setUnit] = useState<Budget['unit']>(budget?.unit ?? 'usd');
  const [limit, setLimit] = useState(budget ? String(budget.limit) : '');
  const [stopAtLimit, setStopAtLimit] = useState(budget?.stopAtLimit ?? false);
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const text = limit.trim();
    const value = Number(text);
    if (text !== '' && (!Number.isFinite(value) || value <= 0)) {
      setError({
        kind: 'invalid-request',
        message: `The limit is a number above 0 (${unit === 'usd' ? 'dollars' : 'tokens'}), or blank for no budget.`,
      });
      return;
    }
    setError(null);
    const result = await onSave(text === '' ? null : { unit, limit: value, stopAtLimit });
    if (result.ok) setSaved(true);
    else setError(result.error);
  };

  return (
    <form className="budget-editor" data-testid={testId} onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-limit`}>Budget for {subject}</label>
      <input
        id={`${id}-limit`}
        className="input budget-limit"
        data-testid={`${testId}-limit`}
        inputMode="decimal"
        placeholder="none"
        value={limit}
        onChange={(e) => {
          setLimit(e.target.value);
          setSaved(false);
        }}
      />
      <select
        className="input"
        aria-label="Budget unit"
        data-testid={`${testId}-unit`}
        value={unit}
        onChange={(e) => setUnit(e.target.value as Budget['unit'])}
      >
        <option value="usd">dollars</option>
        <option value="tokens">tokens</option>
      </select>
      <label className="budget-stop">
        <input
          type="checkbox"
          data-testid={`${testId}-stop`}
          checked={stopAtLimit}
          onChange={(e) => setStopAtLimit(e.target.checked)}
        />
        stop at limit
      </label>
      <button type="submit" className="button small" data-testid={`${testId}-save`}>
        Save
      </button>
      {saved && (
        <span className="muted" role="status">
          {limit.trim() === '' ? 'No budget' : `Saved: ${formatBudgetAmount(unit, Number(limit))}`}
        </span>
      )}
      <InlineError error={error} testId={`${testId}-error`} />
    </form>
  );
}
