import { useEffect, useId, useState } from 'react';
import type { PriceTableView } from '../../shared/contract/usage';
import type { WireError } from '../../shared/errors';
import type { ModelPrice, PriceOverrides } from '../../shared/usage';
import { InlineError } from '../ui/inline-error';
import { usageApi } from '../usage/usage-api';
import '../styles/usage.css';

interface Row {
  readonly model: string;
  readonly price: Record<keyof ModelPrice, string>;
}

const kinds: ReadonlyArray<[keyof ModelPrice, string]> = [
  ['input', 'Input'],
  ['output', 'Output'],
  ['cacheRead', 'Cache read'],
  ['cacheWrite', 'Cache write'],
];

function rowsOf(overrides: PriceOverrides): Row[] {
  return Object.entries(overrides.models).map(([model, price]) => ({
    model,
    price: {
      input: String(price.input),
      output: String(price.output),
      cacheRead: String(price.cacheRead),
      cacheWrite: String(price.cacheWrite),
    },
  }));
}

/** The rows as overrides, or what is wrong with them. */
export function overridesOf(rows: readonly Row[], aliases: PriceOverrides['aliases']): PriceOverrides | string {
  const models: Record<string, ModelPrice> = {};
  for (const row of rows) {
    const model = row.model.trim();
    if (!model) return 'Each price needs the model name as the agent writes it (e.g. claude-sonnet-4-5).';
    const price = {} as ModelPrice;
    for (const [kind, label] of kinds) {
      const value = Number(row.price[kind].trim() || '0');
      if (!Number.isFinite(value) || value < 0) return `${label} for ${model} is a number of dollars, 0 or more.`;
      price[kind] = value;
    }
    models[model] = price;
  }
  return { models, aliases };
}

/** Settings: the user's own prices per model (USD per million tokens), laid over the built-in table. */
export function PriceOverridesEditor() {
  const id = useId();
  const [table, setTable] = useState<PriceTableView | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void usageApi.prices().then((result) => {
      if (!result.ok) return setError(result.error);
      setTable(result.value);
      setRows(rowsOf(result.value.overrides));
    });
  }, []);

  const change = (index: number, next: Row) => {
    setSaved(false);
    setRows((current) => current.map((row, i) => (i === index ? next : row)));
  };

  const save = async () => {
    const overrides = overridesOf(rows, table?.overrides.aliases ?? {});
    if (typeof overrides === 'string') return setError({ kind: 'invalid-request', message: overrides });
    setError(null);
    const result = await usageApi.setPriceOverrides(overrides);
    if (!result.ok) return setError(result.error);
    setTable(result.value);
    setSaved(true);
  };

  return (
    <section className="settings-section price-overrides" data-testid="price-overrides" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Model prices</h3>
      <p className="muted">
        USD per million tokens. A model listed here replaces the built-in price
        {table ? ` (taken ${table.builtIn.takenAt})` : ''} or prices a model the table lacks; a dated release is priced
        as its family.
      </p>
      <datalist id={`${id}-models`}>
        {Object.keys(table?.builtIn.models ?? {}).map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      {rows.map((row, index) => (
        <div className="price-row" key={index} data-testid="price-override-row">
          <input
            className="input"
            aria-label="Model"
            list={`${id}-models`}
            placeholder="model"
            data-testid="price-override-model"
            value={row.model}
            onChange={(e) => change(index, { ...row, model: e.target.value })}
          />
          {kinds.map(([kind, label]) => (
            <input
              key={kind}
              className="input price-input"
              aria-label={`${label} price`}
              placeholder={label}
              inputMode="decimal"
              data-testid={`price-override-${kind}`}
              value={row.price[kind]}
              onChange={(e) => change(index, { ...row, price: { ...row.price, [kind]: e.target.value } })}
            />
          ))}
          <button
            type="button"
            className="button small"
            aria-label={`Remove the price of ${row.model || 'this model'}`}
            onClick={() => {
              setSaved(false);
              setRows((current) => current.filter((_, i) => i !== index));
            }}
          >
            Remove
          </button>
        </div>
      ))}
      <div className="price-actions">
        <button
          type="button"
          className="button small"
          data-testid="price-override-add"
          onClick={() =>
            setRows((current) => [
              ...current,
              { model: '', price: { input: '', output: '', cacheRead: '', cacheWrite: '' } },
            ])
          }
        >
          Add a model
        </button>
        <button
          type="button"
          className="button small primary"
          data-testid="price-override-save"
          onClick={() => void save()}
        >
          Save prices
        </button>
        {saved && (
          <span className="muted" role="status">
            Saved: spend is priced with these from now on.
          </span>
        )}
      </div>
      <InlineError error={error} testId="price-override-error" />
    </section>
  );
}
