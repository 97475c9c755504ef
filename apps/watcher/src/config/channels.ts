import type { ChannelConfig } from "./schema";

/**
 * The stable id of a subscriber's channel: its explicit `id`, else its type when the subscriber has
 * one channel of that type, else `<type>-<n>` (1-based among channels of that type). Delivery state
 * is keyed by it, so it must not change when unrelated channels are added.
 */
export function channelId(channels: readonly ChannelConfig[], index: number): string {
  const channel = channels[index];
  if (!channel) throw new RangeError(`no channel at index ${index}`);
  if (channel.id) return channel.id;
  const sameType = channels.filter((c) => c.type === channel.type && !c.id);
  if (sameType.length === 1) return channel.type;
  return `${channel.type}-${sameType.indexOf(channel) + 1}`;
}

export function channelIds(channels: readonly ChannelConfig[]): string[] {
  return channels.map((_, i) => channelId(channels, i));
}
