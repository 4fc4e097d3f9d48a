import { useProfilesStore } from '../state/profiles-store';

/**
 * Which agent reviews: "Default reviewer" (another installed agent than the worker's, else the demo
 * agent) or one chosen by name. Only agents that can run headless (or the demo agent) can review.
 */
export function ReviewerPicker({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (profileId: string) => void;
  testId: string;
}) {
  const profiles = useProfilesStore((state) => state.profiles);
  const choices = profiles.filter((p) => p.installed && (p.modes.includes('headless') || p.id === 'demo'));
  return (
    <select
      className="input small"
      aria-label="Reviewer agent"
      data-testid={testId}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">Default reviewer</option>
      {choices.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </select>
  );
}
