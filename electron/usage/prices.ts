import { readFile } from 'node:fs/promises';
import path from 'node:path';
import builtInTable from '../../shared/model-prices.json';
import {
  type ModelPrice,
  type PriceOverrides,
  PriceOverridesSchema,
  type PriceTable,
  PriceTableSchema,
  type TokenCounts,
} from '../../shared/usage';

/** The user's prices in the data folder (Settings will write it; by hand until then). */
export const priceOverridesFileName = 'model-prices.json';

export const builtInPrices: PriceTable = PriceTableSchema.parse(builtInTable);

/** Prices looked up by model name: the built-in table with the user's overrides laid over it. */
export class Prices {
  private readonly models: ReadonlyMap<string, ModelPrice>;
  private readonly aliases: ReadonlyMap<string, string>;
  /** Names longest first, so the most specific one that starts a model's name wins. */
  private readonly byLength: readonly string[];

  constructor(table: PriceTable = builtInPrices, overrides: PriceOverrides = { models: {}, aliases: {} }) {
    const models = new Map<string, ModelPrice>();
    for (const [name, price] of [...Object.entries(table.models), ...Object.entries(overrides.models)]) {
      models.set(normalizeModelName(name), price);
    }
    this.models = models;
    this.aliases = new Map(
      [...Object.entries(table.aliases), ...Object.entries(overrides.aliases)].map(([alias, name]) => [
        normalizeModelName(alias),
        normalizeModelName(name),
      ]),
    );
    this.byLength = [...models.keys()].sort((a, b) => b.length - a.length);
  }

  /** The price of a model as an agent names it, or null when no listed name matches. */
  priceOf(model: string | null): ModelPrice | null {
    if (!model) return null;
    const name = normalizeModelName(model);
    const aliased = this.aliases.get(name) ?? name;
    const exact = this.models.get(aliased);
    if (exact) return exact;
    // A dated or suffixed release (claude-sonnet-4-5-20250929, gpt-5-codex-high) is priced as its family.
    const family = this.byLength.find((listed) => aliased.startsWith(`${listed}-`));
    return family ? (this.models.get(family) ?? null) : null;
  }

  /** USD for these tokens on this model, or null when the model has no price. */
  costOf(model: string | null, tokens: TokenCounts): number | null {
    const price = this.priceOf(model);
    if (!price) return null;
    return (
      (tokens.inputTokens * price.input +
        tokens.outputTokens * price.output +
        tokens.cacheReadTokens * price.cacheRead +
        tokens.cacheWriteTokens * price.cacheWrite) /
      1_000_000
    );
  }
}

/**
 * The name as the table lists it: lower case, without a provider prefix (`anthropic/`,
 * `models/`) or a context-size tag (`[1m]`).
 */
export function normalizeModelName(model: string): string {
  const bare = model
    .trim()
    .toLowerCase()
    .replace(/\[[^\]]*\]$/, '');
  const slash = bare.lastIndexOf('/');
  return slash === -1 ? bare : bare.slice(slash + 1);
}

/**
 * The built-in prices with the data folder's overrides. A missing overrides file is the usual
 * case; an unreadable one is reported rather than silently priced with the defaults.
 */
export async function loadPrices(dataDir: string): Promise<Prices> {
  const file = path.join(dataDir, priceOverridesFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Prices();
    throw error;
  }
  let overrides: PriceOverrides;
  try {
    overrides = PriceOverridesSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new Error(
      `The price overrides in ${file} could not be read (${(error as Error).message}). ` +
        'Fix the file (shape: {"models": {"<model>": {"input", "output", "cacheRead", "cacheWrite"}}}, USD per million tokens) or remove it.',
      { cause: error },
    );
  }
  return new Prices(builtInPrices, overrides);
}
