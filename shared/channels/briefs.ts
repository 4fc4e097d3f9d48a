/** Worker briefs: the project's prompt template, previews of the rendered prompt, saved brief templates. */
export const briefRequestChannels = [
  'projects.setPromptTemplate',
  'briefs.promptTemplate.default',
  'briefs.preview',
  'briefs.templates.list',
  'briefs.templates.save',
  'briefs.templates.delete',
] as const;
