/**
 * The demo agent's exit codes. Tests and the app's status display tell outcomes apart by them,
 * so each has one meaning.
 */
export const exitCodes = {
  ok: 0,
  /** A step failed (edit target missing, git refused, the `fail` scenario). */
  failed: 1,
  /** The dispatcher answered "no" to a question whose scenario stops on no. */
  declined: 2,
  /** The scenario itself is wrong: unknown name, bad JSON, bad step, path outside the folder. */
  badScenario: 3,
} as const;

/** A step that cannot go on; its message is printed as "Error: …" and the run ends with `exitCode`. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.failed,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}
