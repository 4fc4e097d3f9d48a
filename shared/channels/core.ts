/** Channels of the walking skeleton: app, projects, threads, terminals, review, demo. */
export const coreRequestChannels = [
  'app.info',
  'projects.list',
  'projects.open',
  'projects.pickFolder',
  'projects.branches',
  'projects.setWorktreeRoot',
  'profiles.list',
  'threads.list',
  'threads.create',
  'threads.stop',
  'threads.remove',
  'terminal.input',
  'terminal.resize',
  'merge.run',
  'demo.start',
] as const;
