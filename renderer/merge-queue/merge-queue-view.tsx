/** The project's merge queue: approved threads in landing order, the conflict matrix, landing. */
export function MergeQueueView({ projectId }: { projectId: string }) {
  return (
    <section className="merge-queue-view" data-testid="merge-queue-view" data-project-id={projectId}>
      <h2>Merge queue</h2>
    </section>
  );
}
