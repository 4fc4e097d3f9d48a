import type { WireError } from '../../shared/errors';

interface InlineErrorProps {
  error: WireError | null;
  testId: string;
  /** Set when a field points at this message with `aria-describedby` (see `fieldErrorProps`). */
  id?: string;
}

/** The host's message for a failed action, shown next to the control that caused it. */
export function InlineError({ error, testId, id }: InlineErrorProps) {
  if (!error) return null;
  return (
    <p id={id} className="inline-error" role="alert" data-testid={testId} data-error-kind={error.kind}>
      {error.message}
    </p>
  );
}
