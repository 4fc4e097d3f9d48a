/** A task as the graph draws it. */
export interface GraphTask {
  readonly name: string;
  readonly dependsOn: readonly string[];
  /** Extra words under the name (a run's phase). */
  readonly note?: string;
  readonly tone?: 'normal' | 'good' | 'bad' | 'busy';
}

const columnWidth = 180;
const boxWidth = 140;
const boxHeight = 40;
const rowHeight = 56;
const pad = 12;

/**
 * The waves as columns (first wave left), a box per task, a line from each dependency to the
 * task that waits for it: plain SVG, sized to its content.
 */
export function WaveGraph({
  waves,
  tasks,
  onPick,
}: {
  waves: readonly (readonly string[])[];
  tasks: readonly GraphTask[];
  onPick?: (name: string) => void;
}) {
  if (waves.length === 0) return null;
  const place = new Map<string, { x: number; y: number }>();
  waves.forEach((wave, column) =>
    wave.forEach((name, row) => place.set(name, { x: pad + column * columnWidth, y: pad + 18 + row * rowHeight })),
  );
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const height = pad * 2 + 18 + Math.max(...waves.map((w) => w.length)) * rowHeight;
  const width = pad * 2 + waves.length * columnWidth;
  return (
    <svg
      className="wave-graph"
      data-testid="plan-wave-graph"
      width={width}
      height={height}
      role="img"
      aria-label={`Waves: ${waves.map((w, i) => `${i + 1}: ${w.join(', ')}`).join('; ')}`}
    >
      <defs>
        <marker id="wave-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" className="wave-arrow" />
        </marker>
      </defs>
      {waves.map((_, column) => (
        <text key={column} x={pad + column * columnWidth} y={pad + 8} className="wave-title">
          Wave {column + 1}
        </text>
      ))}
      {tasks.flatMap((task) =>
        task.dependsOn.map((dep) => {
          const from = place.get(dep);
          const to = place.get(task.name);
          if (!from || !to) return null;
          return (
            <line
              key={`${dep}->${task.name}`}
              className="wave-edge"
              data-testid={`plan-edge-${dep}-${task.name}`}
              x1={from.x + boxWidth}
              y1={from.y + boxHeight / 2}
              x2={to.x}
              y2={to.y + boxHeight / 2}
              markerEnd="url(#wave-arrow)"
            />
          );
        }),
      )}
      {[...place.entries()].map(([name, { x, y }]) => {
        const task = byName.get(name);
        return (
          <g
            key={name}
            className={`wave-node tone-${task?.tone ?? 'normal'}${onPick ? ' clickable' : ''}`}
            data-testid={`plan-node-${name}`}
            onClick={onPick ? () => onPick(name) : undefined}
          >
            <rect x={x} y={y} width={boxWidth} height={boxHeight} rx={6} />
            <text x={x + 8} y={y + 16} className="wave-name">
              {name.length > 20 ? `${name.slice(0, 19)}…` : name}
            </text>
            {task?.note && (
              <text x={x + 8} y={y + 32} className="wave-note">
                {task.note}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
