import { ConnectionBanner } from './ui/connection-banner';
import { DialogHost } from './workspace/dialog-host';
import { SettingsView } from './settings/settings-view';
import { LoadErrorBanner } from './ui/load-error-banner';
import { NoticeArea } from './ui/notice-area';
import { StartBanner } from './ui/start-banner';
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

  return (
    <div className="app">
      <ConnectionBanner />
      <LoadErrorBanner />
      <StartBanner />
      <TopBar />
      {!loaded ? (
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
