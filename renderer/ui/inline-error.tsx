import type { WireError } from '../../shared/errors';

interface InlineErrorProps {
  error: WireError | null;
  testId: string;
}

/** The host's message for a failed action, shown next to the control that caused it. */
export function InlineError({ error, testId }: InlineErrorProps) {
  if (!error) return null;
  return (
    <p className="inline-error" role="alert" data-testid={testId} data-error-kind={error.kind}>
      {error.message}
    </p>
  );
}
