import { ConnectionBanner } from './ui/connection-banner';
import { DialogHost } from './workspace/dialog-host';
import { SettingsView } from './settings/settings-view';
import { LoadErrorBanner } from './ui/load-error-banner';
import { NoAccessPanel, useAccessProblem } from './ui/no-access-panel';
import { NoticeArea } from './ui/notice-area';
import { StartBanner } from './ui/start-banner';
import { HostLostBanner } from './ui/host-lost-banner';
import { TopBar } from './workspace/top-bar';
import { useAttentionTitle } from './notifications/use-attention-title';
import { WelcomePanel } from './workspace/welcome-panel';
import { Workspace } from './workspace/workspace';
import { useAppInfoStore } from './state/app-info-store';
import { useProjectsStore } from './state/projects-store';

export function App() {
  useAttentionTitle();
  const loaded = useAppInfoStore((state) => state.loaded);
  const hasProjects = useProjectsStore((state) => state.projects.length > 0);
  const noAccess = useAccessProblem(useAppInfoStore((state) => state.info !== null));

  return (
    <div className="app">
      <ConnectionBanner />
      {/* Without access the panel says why; a "could not load" banner would only repeat it. */}
      {!noAccess && <LoadErrorBanner />}
      <StartBanner />
      <HostLostBanner />
      <TopBar />
      {noAccess ? (
        <NoAccessPanel problem={noAccess} />
      ) : !loaded ? (
        <main className="empty-main muted" data-testid="app-loading">
          Connecting to Switchyard…
        </main>
      ) : hasProjects ? (
        <Workspace />
      ) : (
        <WelcomePanel />
      )}
      <DialogHost />
      <SettingsView />
      <NoticeArea />
    </div>
  );
}
