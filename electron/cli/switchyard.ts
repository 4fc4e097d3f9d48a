import { AppError } from '../../shared/errors';
import { agentsHelp, runAgents } from './agents';
import { GitError } from '../git/core';
import { describeGitError } from '../git/describe-git-error';
import { InstanceLockedError } from '../app/instance-lock';
import { UsageError } from './args';
import { conflictsHelp, runConflicts } from './conflicts';
import { doctorHelp, runDoctor } from './doctor';
import { landHelp, runLand } from './land';
import { parseServeArgs, serveHelp, serveUntilInterrupted } from './serve';
import { planHelp, runPlan } from './plan';
import { runStart, startHelp } from './start';
import { runUsage, usageHelp } from './usage';
import { version } from '../app/version';

const mainHelp = `Switchyard ${version} — run several AI coding agents at once, each in its own git worktree.

Usage: switchyard <command> [options]

Commands:
  start      open the desktop window (or, without Electron, the browser dashboard)
  serve      serve the dashboard to a browser (local, or a remote box through an SSH tunnel)
  demo       serve the dashboard with a sample repository and scripted demo agents
  doctor     check git, a repository and which agent CLIs are installed
  agents     list or stop the agents that keep running without a window (the agent host)
  conflicts  predict which branches conflict, pair by pair and against the target (git merge-tree)
  land       land branches into a target in order, verifying each; stop at the first problem
  usage      what the agents have spent: tokens and cost per thread, project and model
  plan       check a plan of tasks (JSON/YAML), run it unattended (or --dry-run), roll a run back

Run switchyard <command> --help for its options.`;

const demoHelp = `Usage: switchyard demo [serve options]

Makes a small sample repository in the data folder, opens it with a few threads run by the
scripted demo agent, and serves the dashboard — the whole loop without any real agent.`;

const commands: Record<string, { help: string; run: (argv: string[]) => Promise<number | void> }> = {
  start: { help: startHelp, run: runStart },
  serve: { help: serveHelp, run: (argv) => serveUntilInterrupted(parseServeArgs(argv)) },
  demo: { help: demoHelp, run: (argv) => serveUntilInterrupted({ ...parseServeArgs(argv), demo: true }) },
  doctor: { help: doctorHelp, run: runDoctor },
  agents: { help: agentsHelp, run: runAgents },
  conflicts: { help: conflictsHelp, run: runConflicts },
  land: { help: landHelp, run: runLand },
  usage: { help: usageHelp, run: runUsage },
  plan: { help: planHelp, run: runPlan },
};

async function main(argv: string[]): Promise<number | void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(version);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`switchyard: unknown command "${name}"\n\n${mainHelp}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`switchyard ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof InstanceLockedError) {
      console.error(`switchyard ${name}: ${error.message}`);
      return 1;
    }
    if (error instanceof AppError || error instanceof GitError) {
      const message = error instanceof GitError ? describeGitError(error).message : error.message;
      console.error(`switchyard ${name}: ${message}`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
