import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AgentProfileInfo } from '../../shared/models';
import { AgentTable, parseMaxRunningAgents, SettingsView, SettingsWindow } from './settings-view';
import { parseStuckAfterMinutes } from './stuck-timeout-editor';

const base: AgentProfileInfo = {
  id: 'claude',
  label: 'Claude Code',
  binary: 'claude',
  installed: true,
  version: '2.1.3',
  installHint: 'npm install -g @anthropic-ai/claude-code',
  takesCommand: false,
  takesScenario: false,
  modes: ['interactive', 'headless'],
  approvalModes: [
    { id: 'default', label: 'Ask', bypass: false },
    { id: 'bypassPermissions', label: 'Bypass', bypass: true },
  ],
  supportsResume: true,
  custom: false,
};

const profiles: AgentProfileInfo[] = [
  base,
  {
    ...base,
    id: 'codex',
    label: 'Codex CLI',
    binary: 'codex',
    installed: false,
    version: null,
    installHint: 'npm install -g @openai/codex',
  },
  {
    ...base,
    id: 'custom-mine',
    label: 'Mine',
    binary: '/opt/mine',
    custom: true,
    modes: ['interactive'],
    supportsResume: false,
    installHint: null,
  },
];

describe('settings window', () => {
  it('renders nothing until opened, then the app settings and the agents', () => {
    expect(renderToStaticMarkup(<SettingsView />)).toBe('');
    // Server rendering reads each store's initial state, so the window is rendered directly.
    const html = renderToStaticMarkup(<SettingsWindow />);
    expect(html).toContain('data-testid="settings-dialog"');
    expect(html).toContain('data-testid="settings-max-agents-input"');
    expect(html).toContain('data-testid="settings-notifications-toggle"');
    expect(html).toContain('data-testid="settings-agents-on-quit"');
    expect(html).toContain('Keep agents running');
    expect(html).toContain('Stop them all');
    expect(html).toContain('data-testid="agent-table"');
    expect(html).toContain('data-testid="settings-editor-input"');
    expect(html).toContain('data-testid="settings-stuck-input"');
  });

  it('reads the "stuck after" minutes: blank for the default, 0 for never, nothing else outside 0–1440', () => {
    expect(parseStuckAfterMinutes('')).toEqual({ ok: true, value: 10 });
    expect(parseStuckAfterMinutes(' 25 ')).toEqual({ ok: true, value: 25 });
    expect(parseStuckAfterMinutes('0')).toEqual({ ok: true, value: 0 });
    for (const bad of ['-1', '2.5', 'ten', '1441']) expect(parseStuckAfterMinutes(bad).ok, bad).toBe(false);
  });

  it('lists every profile with whether it is installed, its version, install command, modes and approvals', () => {
    const html = renderToStaticMarkup(
      <AgentTable
        profiles={profiles}
        editableIds={['custom-mine']}
        confirmingDelete={null}
        onEdit={() => undefined}
        onAskDelete={() => undefined}
        onConfirmDelete={() => undefined}
        onCancelDelete={() => undefined}
      />,
    );
    expect(html).toContain('✓ 2.1.3');
    expect(html).toContain('✗ not installed');
    expect(html).toContain('npm install -g @openai/codex');
    expect(html).toContain('interactive, headless');
    expect(html).toContain('approval-chip-bypass');
    // Only custom profiles can be edited or deleted.
    expect(html.match(/custom-profile-edit-button/g)).toHaveLength(1);
    expect(html.match(/custom-profile-delete-button/g)).toHaveLength(1);
  });
});

describe('agents at once', () => {
  it('is blank for automatic, else a whole number from 1 to 64', () => {
    expect(parseMaxRunningAgents('  ')).toEqual({ ok: true, value: null });
    expect(parseMaxRunningAgents(' 4 ')).toEqual({ ok: true, value: 4 });
    for (const bad of ['0', '65', '2.5', 'four', '-1']) expect(parseMaxRunningAgents(bad).ok, bad).toBe(false);
  });
});
