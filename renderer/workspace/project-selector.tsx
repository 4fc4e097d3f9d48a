import { getActions } from '../state/actions';
import { useProjectsStore } from '../state/projects-store';

export function ProjectSelector() {
  const projects = useProjectsStore((state) => state.projects);
  const selectedId = useProjectsStore((state) => state.selectedId);
  if (projects.length === 0) return null;
  return (
    <select
      className="select project-select"
      data-testid="project-select"
      aria-label="Project"
      value={selectedId ?? ''}
      onChange={(event) => getActions().selectProject(event.target.value || null)}
    >
      {selectedId === null && <option value="">Choose a project…</option>}
      {projects.map((project) => (
        <option key={project.id} value={project.id} title={project.path}>
          {project.name}
        </option>
      ))}
    </select>
  );
}
