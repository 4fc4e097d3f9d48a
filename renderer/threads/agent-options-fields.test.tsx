import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AgentProfileInfo } from '../../shared/models';
import { AgentOptionsFields, agentOptionsFor, defaultAgentOptions } from './agent-options-fields';

const claude: AgentProfileInfo = {
  id: 'claude',
  label: 'Claude Code',
  binary: 'claude',
  installed: true,
  version: '2.1.0',
  installHint: null,
  takesCommand: false,
  takesScenario: false,
  modes: ['interactive', 'headless'],
  approvalModes: [
    { id: 'default', label: 'Ask before edits and commands', bypass: false },
    { id: 'acceptEdits', label: 'Accept edits, ask before commands', bypass: false },
    { id: 'bypassPermissions', label: 'Bypass all permission checks', bypass: true },
  ],
  supportsResume: true,
  custom: false,
};
const demo: AgentProfileInfo = {
  ...claude,
  id: 'demo',
  modes: ['interactive'],
  approvalModes: [{ id: 'default', label: "The tool's own behaviour", bypass: false }],
};

function render(profile: AgentProfileInfo, mode: 'interactive' | 'headless', approvalMode: string): string {
  return renderToStaticMarkup(
    <AgentOptionsFields profile={profile} value={{ mode, approvalMode }} onChange={() => undefined} />,
  );
}

describe('agent options', () => {
  it('starts interactive with the safe approval mode', () => {
    expect(defaultAgentOptions(claude)).toEqual({ mode: 'interactive', approvalMode: 'default' });
    expect(defaultAgentOptions(null)).toEqual({ mode: 'interactive', approvalMode: 'default' });
  });

  it('falls back to the safe default when the chosen tool lacks the mode or approval mode', () => {
    expect(agentOptionsFor(demo, { mode: 'headless', approvalMode: 'bypassPermissions' })).toEqual({
      mode: 'interactive',
      approvalMode: 'default',
    });
    expect(agentOptionsFor(claude, { mode: 'headless', approvalMode: 'acceptEdits' })).toEqual({
      mode: 'headless',
      approvalMode: 'acceptEdits',
    });
  });

  it('offers the mode only where the tool has both, and always shows the approval mode', () => {
    const both = render(claude, 'interactive', 'default');
    expect(both).toContain('data-testid="thread-mode-select"');
    expect(both).toContain('data-testid="thread-approval-select"');
    const interactiveOnly = render(demo, 'interactive', 'default');
    expect(interactiveOnly).not.toContain('thread-mode-select');
    expect(interactiveOnly).toContain('data-testid="thread-approval-select"');
  });

  it('warns in red only when a bypass mode is chosen', () => {
    expect(render(claude, 'interactive', 'acceptEdits')).not.toContain('thread-bypass-warning');
    const risky = render(claude, 'headless', 'bypassPermissions');
    expect(risky).toContain('data-testid="thread-bypass-warning"');
    expect(risky).toContain('this agent will act without asking you');
  });
});
