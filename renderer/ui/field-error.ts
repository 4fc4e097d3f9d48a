import type { WireError } from '../../shared/errors';

/**
 * The attributes that tie a field to the error shown under it: `aria-invalid` marks the field
 * (and the CSS highlights it), `aria-describedby` makes screen readers read the message with it.
 */
export function fieldErrorProps(
  errorId: string,
  error: WireError | null,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
}
