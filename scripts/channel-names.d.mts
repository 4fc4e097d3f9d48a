export interface ChannelNames {
  readonly requests: readonly string[];
  readonly events: readonly string[];
}
export function contractChannelNames(): Promise<ChannelNames>;
export function channelNamesDefine(): Promise<{ SWITCHYARD_CHANNEL_NAMES: string }>;
