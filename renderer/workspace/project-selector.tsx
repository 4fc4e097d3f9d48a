import { getActions } from '../state/actions';
import { useProjectsStore } from '../state/projects-store';
import { useOpenRepositoryPopover } from '../state/open-repository-popover-store';

/** The picker's last entry: not a project, it opens the "Open another repository" popover. */
const openAnother = '__open-another__';

/**
 * The project picker. A native <select> clips its text at whatever width it is given, so the name
 * is shown by a span that sizes to it (and can be measured), with the real, transparent select
 * laid over it for the mouse, the keyboard and screen readers.
 */
export function ProjectSelector() {
  const projects = useProjectsStore((state) => state.projects);
  const selectedId = useProjectsStore((state) => state.selectedId);
  if (projects.length === 0) return null;
  const selected = projects.find((project) => project.id === selectedId);
  return (
    <span className="project-picker">
      <span className="project-picker-name" data-testid="project-name" aria-hidden="true">
        {selected ? selected.name : 'Choose a project…'}
      </span>
      <select
        className="project-picker-select"
        data-testid="project-select"
        aria-label="Project"
        value={selectedId ?? ''}
        onChange={(event) => {
          if (event.target.value === openAnother) useOpenRepositoryPopover.getState().setOpen(true);
          else getActions().selectProject(event.target.value || null);
        }}
      >
        {selectedId === null && <option value="">Choose a project…</option>}
        {projects.map((project) => (
          <option key={project.id} value={project.id} title={project.path}>
            {project.name}
          </option>
        ))}
        <option disabled>──────────</option>
        <option value={openAnother}>Open another repository…</option>
      </select>
    </span>
  );
}
