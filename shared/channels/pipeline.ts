/** Terminal streaming with flow control, resuming agents, project setup and app settings. */
export const pipelineRequestChannels = [
  'terminal.attach',
  'terminal.detach',
  'terminal.ack',
  'threads.resume',
  'projects.setSetup',
  'settings.get',
  'settings.set',
] as const;
