/**
 * The built-in template that turns a brief into an agent's first prompt. It is written as the
 * agent should read it; sections whose list is empty leave no trace. A project may replace it
 * (projects.setPromptTemplate); the names it may use are listed in prompt-variables.ts.
 */
export const defaultPromptTemplate = `{{! Switchyard's built-in brief template. Names in double braces are filled in from the brief.
    A section opened with # repeats once per list entry (or shows when the value is set), one
    opened with ^ shows only when it is empty, and / closes it. A line holding nothing but a
    section tag or a comment like this one leaves no blank line behind. }}
You are one of several coding agents working on this repository at the same time. You have your own git worktree on the branch {{branch}}, created from {{baseBranch}}, for the thread "{{threadName}}". Stay inside your brief so that your work merges cleanly with everyone else's.

# Task
{{task}}
{{#goal}}

## Goal
{{goal}}
{{/goal}}
{{#prompt}}

## Notes from the dispatcher
{{prompt}}
{{/prompt}}

## Where you may work
{{#ownedPaths.length}}
You own these paths and may create, change or delete files in them:
{{#ownedPaths}}
- {{.}}
{{/ownedPaths}}
If you need a change outside them, do not make it: describe it in your changelog fragment instead.
{{/ownedPaths.length}}
{{^ownedPaths}}
No paths were assigned to you: change only what the task needs.
{{/ownedPaths}}
{{#readablePaths.length}}

Read these for context, but do not change them:
{{#readablePaths}}
- {{.}}
{{/readablePaths}}
{{/readablePaths.length}}
{{#forbiddenPaths.length}}

Do not edit these at all; they belong to someone else:
{{#forbiddenPaths}}
- {{.}}
{{/forbiddenPaths}}
{{/forbiddenPaths.length}}
{{#acceptanceCriteria.length}}

## Done means
{{#acceptanceCriteria}}
- {{.}}
{{/acceptanceCriteria}}
{{/acceptanceCriteria.length}}
{{#verificationCommands.length}}

## Check your work
Run these from the worktree root before you finish, and fix whatever they report:
\`\`\`
{{#verificationCommands}}
{{.}}
{{/verificationCommands}}
\`\`\`
{{/verificationCommands.length}}
{{#dependencies.length}}

## Builds on
This thread builds on the work of these threads, which may not be merged yet:
{{#dependencies}}
- {{name}} (branch {{branch}})
{{/dependencies}}
{{/dependencies.length}}

## When you finish
Commit your work on {{branch}}. Write a short changelog fragment to {{changelogPath}}: what changed, why, and what the person merging it should know. The dispatcher rates the integration risk of this work as {{integrationRisk}}.
`;
