import type { ReactNode } from 'react';

export interface LinesFieldProps {
  label: string;
  hint?: string | undefined;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string | undefined;
  rows?: number | undefined;
  /** Commands, paths and flags read best in a fixed-width font; prose does not. */
  mono?: boolean | undefined;
  /** An error about this field, shown under it (the field is marked invalid until edited). */
  error?: ReactNode;
  errorId?: string | undefined;
}

/** A labelled textarea for a list entered one item per line (arguments, globs, criteria). */
export function LinesField({
  label,
  hint,
  testId,
  value,
  onChange,
  placeholder,
  rows = 3,
  mono = true,
  error,
  errorId,
}: LinesFieldProps) {
  const invalid = Boolean(error) && errorId !== undefined;
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <textarea
        className={mono ? 'text-input mono' : 'text-input'}
        data-testid={testId}
        rows={rows}
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && <span className="field-hint">{hint}</span>}
      {error}
    </label>
  );
}
