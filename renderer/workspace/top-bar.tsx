import { useAppInfoStore } from '../state/app-info-store';
import { useProjectsStore, selectedProject } from '../state/projects-store';
import { openSettings } from '../settings/settings-store';
import { useUiStore } from '../state/ui-store';
import { InboxButton } from '../inbox/inbox-button';
import { UsageButton } from '../usage/usage-button';
import { PromptTemplateButton } from '../settings/prompt-template-editor';
import { ElidedPath } from '../ui/elided-path';
import { OpenRepositoryPopover } from './open-repository-popover';
import { ProjectSelector } from './project-selector';
import { WorktreeRootEditor } from '../settings/worktree-root-editor';

/** The folder holding the repository, when the repository's folder is what the picker shows. */
function containingFolder(repoPath: string, projectName: string): string | null {
  const trimmed = repoPath.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  if (cut <= 0 || trimmed.slice(cut + 1) !== projectName) return null;
  return trimmed.slice(0, cut);
}

/**
 * The project (picker, "+" to open another), its facts (paths elided in the middle, the branch),
 * then the actions. The facts give way first; below ~1100 px the actions wrap to a second row.
 */
export function TopBar() {
  const project = useProjectsStore(selectedProject);
  const hasProjects = useProjectsStore((state) => state.projects.length > 0);
  const info = useAppInfoStore((state) => state.info);
  const openDialog = useUiStore((state) => state.openDialog);
  const folder = project ? containingFolder(project.path, project.name) : null;

  return (
    <header className="top-bar" data-testid="top-bar">
      <span className="brand">Switchyard</span>
      <span className="project-group">
        <ProjectSelector />
        {/* With no project yet, the welcome panel carries the open control instead. */}
        {hasProjects && <OpenRepositoryPopover />}
      </span>
      {project ? (
        <div className="project-facts">
          <span className="project-fact" data-testid="project-path">
            {/* The picker already names the repository's folder; the bar says where it is. */}
            {folder ? (
              <>
                <span className="fact-label">in</span>
                <ElidedPath path={folder} title={project.path} />
              </>
            ) : (
              <ElidedPath path={project.path} />
            )}
          </span>
          <span
            className="project-fact whole"
            data-testid="project-branch"
            title="Branch checked out in the main checkout"
          >
            <span className="fact-label">on</span>
            <span className="mono">{project.currentBranch ?? '(detached HEAD)'}</span>
          </span>
          <WorktreeRootEditor key={project.id} project={project} />
        </div>
      ) : (
        <span className="spacer" />
      )}
      <span className="top-bar-actions">
        {project && (
          <>
            <button
              type="button"
              className="button small"
              data-testid="project-setup-open"
              title="Command run in each new worktree before its agent, and ignored files copied into it"
              onClick={() => openDialog({ kind: 'project-setup', projectId: project.id })}
            >
              Setup{project.setupCommand || project.copyFiles.length ? ' ✓' : '…'}
            </button>
            <PromptTemplateButton project={project} />
            <span className="top-bar-divider" aria-hidden="true" />
          </>
        )}
        {hasProjects && <InboxButton />}
        {hasProjects && <UsageButton />}
        <button type="button" className="button small" data-testid="settings-button" onClick={openSettings}>
          Settings
        </button>
        {info && (
          <span className="app-version muted" title={`Data: ${info.dataDir}`} data-testid="app-version">
            v{info.version}
          </span>
        )}
      </span>
    </header>
  );
}
