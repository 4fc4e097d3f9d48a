/** Worker briefs: templates and the rendered first prompt. */
export const briefRequestChannels = [] as const;
