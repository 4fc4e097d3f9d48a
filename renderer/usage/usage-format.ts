import { formatTokens, formatUsd } from '../../shared/budget';
import type { TokenCounts } from '../../shared/usage';
import { totalTokens } from '../../shared/usage';

/** The sidebar's short figure: dollars when priced, else tokens ("$0.42", "12k tok"). */
export function compactUsage(usage: TokenCounts & { costUsd: number | null }): string {
  return usage.costUsd !== null ? formatUsd(usage.costUsd) : `${formatTokens(totalTokens(usage))} tok`;
}

/** Dollars, or what stands in for them when some tokens have no price. */
export function costText(costUsd: number | null, model: string | null): string {
  if (costUsd !== null) return formatUsd(costUsd);
  return model ? `price unknown for ${model}` : 'price unknown';
}

export { formatTokens, formatUsd };
