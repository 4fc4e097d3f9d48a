/**
 * The environment a thread's programs run in: the user's, plus the terminal type and the
 * thread's own variables, minus the app's Electron flags (an agent that runs Node itself must
 * not start in Electron's node mode by accident).
 */
export function threadEnvironment(
  base: NodeJS.ProcessEnv,
  profileEnv: Readonly<Record<string, string>>,
  threadVariables: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined) env[key] = value;
  }
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.ELECTRON_NO_ATTACH_CONSOLE;
  return { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', ...threadVariables, ...profileEnv };
}
