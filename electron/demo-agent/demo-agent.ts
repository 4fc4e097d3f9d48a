/**
 * The scripted demo agent: a real program that behaves like an AI coding agent CLI (prints,
 * edits files in its cwd, asks y/n questions, commits) from a deterministic scenario.
 * Plain Node APIs only, so it also runs under Electron's binary with ELECTRON_RUN_AS_NODE=1.
 */
import { parseCommandLine, usage } from './command-line';
import { exitCodes } from './exit-codes';
import { loadScenario, ScenarioLoadError } from './load-scenario';
import { runScenario } from './run-scenario';

/** Resolves once everything written so far has left the process, so exit() cuts nothing off. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

async function main(): Promise<number> {
  const commandLine = parseCommandLine(process.argv.slice(2));
  if (commandLine.help) {
    process.stdout.write(`${usage}\n`);
    return exitCodes.ok;
  }
  const cwd = process.cwd();
  try {
    const scenario = await loadScenario(commandLine.scenario, cwd);
    process.stdout.write(`Switchyard demo agent — scenario ${scenario.name}\n`);
    return await runScenario(scenario, {
      cwd,
      prompt: commandLine.prompt,
      branch: process.env.SWITCHYARD_BRANCH ?? null,
      input: process.stdin,
      output: process.stdout,
    });
  } catch (error) {
    if (error instanceof ScenarioLoadError) {
      process.stderr.write(`Error: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`Error: ${(error as Error).stack ?? String(error)}\n`);
    return exitCodes.failed;
  }
}

void main().then(async (code) => {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
});
