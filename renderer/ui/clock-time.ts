/** "14:02" for a moment today, "5 Jan, 14:02" for one on another day: when something began, for a tooltip. */
export function formatClockTime(at: number, now: number = Date.now()): string {
  const when = new Date(at);
  const time = `${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
  if (when.toDateString() === new Date(now).toDateString()) return time;
  return `${when.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}
