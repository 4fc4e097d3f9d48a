import { ConnectionBanner } from './components/connection-banner';
import { DialogHost } from './components/dialog-host';
import { SettingsView } from './components/settings-view';
import { LoadErrorBanner } from './components/load-error-banner';
import { NoticeArea } from './components/notice-area';
import { TopBar } from './components/top-bar';
import { useAttentionTitle } from './components/use-attention-title';
import { WelcomePanel } from './components/welcome-panel';
import { Workspace } from './components/workspace';
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
