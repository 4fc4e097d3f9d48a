import { type AnchorKey, anchorsOfRow } from './inline-anchors';
import { rowNumbersOf } from './line-target';

const inlineRowClass = 'review-inline-row';

/**
 * The rows a file's diff gets for what is shown inline under its lines (comments, the composer):
 * one row under the anchor line with a host element React renders into; side by side, an empty
 * row at the same place in the other side's table too, kept as tall, so both sides stay aligned.
 * Rows are added as the slices that hold their anchor lines are drawn; nothing is read from the
 * drawn rows until a first anchor is wanted, so a file without comments pays nothing.
 */
export class InlineRows {
  /** Anchor → the drawn row carrying it; null until an anchor is first wanted. */
  private index: Map<AnchorKey, Element> | null = null;
  private readonly placed = new Map<AnchorKey, { rows: Element[]; host: HTMLElement; sizes?: ResizeObserver }>();
  private wanted: ReadonlySet<AnchorKey> = new Set();

  constructor(
    private readonly root: HTMLElement,
    /** The hosts now in the page, by anchor: called whenever they change. */
    private readonly onHosts: (hosts: ReadonlyMap<AnchorKey, HTMLElement>) => void,
  ) {}

  /** Shows these anchors: rows for new ones whose line is drawn, none for those gone. */
  want(anchors: ReadonlySet<AnchorKey>): void {
    this.wanted = anchors;
    let changed = false;
    for (const key of [...this.placed.keys()]) {
      if (!anchors.has(key)) {
        this.remove(key);
        changed = true;
      }
    }
    if (anchors.size > 0 && this.index === null) {
      this.index = new Map();
      this.indexRows(this.root.querySelectorAll(`tbody.d2h-diff-tbody > tr:not(.${inlineRowClass})`));
    }
    for (const key of anchors) {
      const row = this.index?.get(key);
      if (row && !this.placed.has(key)) changed = this.place(key, row) || changed;
    }
    if (changed) this.report();
  }

  /** Rows just moved into the page: anchors waiting for them are placed. */
  drawn(rows: readonly Element[]): void {
    if (this.index === null) return;
    const found = this.indexRows(rows);
    let changed = false;
    for (const [key, row] of found) {
      if (this.wanted.has(key) && !this.placed.has(key)) changed = this.place(key, row) || changed;
    }
    if (changed) this.report();
  }

  dispose(): void {
    for (const key of [...this.placed.keys()]) this.remove(key);
    this.onHosts(new Map());
  }

  private indexRows(rows: Iterable<Element>): Array<[AnchorKey, Element]> {
    const found: Array<[AnchorKey, Element]> = [];
    for (const row of rows) {
      for (const key of anchorsOfRow(rowNumbersOf(row))) {
        this.index?.set(key, row);
        found.push([key, row]);
      }
    }
    return found;
  }

  private place(key: AnchorKey, anchor: Element): boolean {
    const body = anchor.parentElement;
    if (!body?.isConnected) return false;
    const position = [...body.children].indexOf(anchor);
    const host = document.createElement('div');
    host.className = 'review-inline-host';
    const row = inlineRow(key);
    row.firstElementChild?.append(host);
    anchor.after(row);
    const rows = [row];
    // Side by side: the other table gets an empty row at the same place, as tall as this one.
    const tables = anchor.closest('.d2h-files-diff')?.querySelectorAll('tbody.d2h-diff-tbody') ?? [];
    const spacers: HTMLElement[] = [];
    for (const other of tables) {
      if (other === body) continue;
      const spacer = inlineRow(key);
      spacer.classList.add('review-inline-spacer');
      const pair = other.children[position];
      if (pair) pair.after(spacer);
      else other.append(spacer);
      rows.push(spacer);
      spacers.push(spacer.firstElementChild as HTMLElement);
    }
    let sizes: ResizeObserver | undefined;
    if (spacers.length > 0) {
      // Sizes are read after layout (a ResizeObserver's callback), never forced.
      sizes = new ResizeObserver((entries) => {
        const height = entries.at(-1)?.borderBoxSize[0]?.blockSize;
        if (height === undefined) return;
        for (const cell of spacers) cell.style.height = `${height}px`;
      });
      sizes.observe(row.firstElementChild as Element);
    }
    this.placed.set(key, { rows, host, sizes });
    return true;
  }

  private remove(key: AnchorKey): void {
    const placed = this.placed.get(key);
    if (!placed) return;
    placed.sizes?.disconnect();
    for (const row of placed.rows) row.remove();
    this.placed.delete(key);
  }

  private report(): void {
    this.onHosts(new Map([...this.placed].map(([key, { host }]) => [key, host])));
  }
}

function inlineRow(key: AnchorKey): HTMLElement {
  const row = document.createElement('tr');
  row.className = inlineRowClass;
  row.dataset.anchor = key;
  const cell = document.createElement('td');
  cell.colSpan = 2;
  cell.className = 'review-inline-cell';
  row.append(cell);
  return row;
}
