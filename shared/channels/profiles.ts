/** Agent profiles beyond the built-in list: user-defined ones. */
export const profileRequestChannels = [] as const;
