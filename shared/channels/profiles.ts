/** Agent profiles beyond the built-in list: user-defined ones. */
export const profileRequestChannels = ['profiles.listCustom', 'profiles.saveCustom', 'profiles.deleteCustom'] as const;
