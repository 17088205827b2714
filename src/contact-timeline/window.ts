/** A row of the overview as drawn: a month heading or an entry. */
export type TimelineRow = { month: number } | { entry: number; position: number };

/**
 * Positions of every row of a windowed list with two fixed row heights (entries and month
 * headings): prefix sums, so finding the rows for a scroll position is a binary search and
 * only those rows are ever put in the DOM, whatever the length of the list.
 */
export class TimelineWindow {
  readonly rows: TimelineRow[] = [];
  /** offsets[i] is the top of row i; offsets[rows.length] is the total height. */
  readonly offsets = [0];
  /** The month of the last row: the next entry's heading follows it. */
  #month = NaN;

  constructor(
    indices: readonly number[],
    private readonly monthOf: (entryIndex: number) => number,
    readonly entryHeight: number,
    readonly headingHeight: number,
  ) {
    this.add(indices);
  }

  /** Adds the rows of `indices` past the entries the window holds (entries that arrived at the end). */
  add(indices: readonly number[]): void {
    const row = (next: TimelineRow, height: number) => this.offsets.push(this.offsets[this.rows.push(next) - 1]! + height);
    for (let i = this.rows.length ? (this.rows.at(-1) as { position: number }).position : 0; i < indices.length; i++) {
      const month = this.monthOf(indices[i]!);
      if (month !== this.#month) row({ month: (this.#month = month) }, this.headingHeight);
      row({ entry: indices[i]!, position: i + 1 }, this.entryHeight);
    }
  }

  get height(): number {
    return this.offsets[this.rows.length]!;
  }

  /** The row covering `y` (clamped to the list). */
  rowAt(y: number): number {
    let low = 0;
    let high = this.rows.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.offsets[mid]! <= y) low = mid;
      else high = mid - 1;
    }
    return Math.max(0, low);
  }

  /** The entry at `y` (or the first below a heading there) and how far `y` is past its top. */
  entryAt(y: number): { entry: number; offset: number } | undefined {
    let row = this.rowAt(y);
    while (row < this.rows.length && !('entry' in this.rows[row]!)) row++;
    const at = this.rows[row] as { entry: number } | undefined;
    return at && { entry: at.entry, offset: y - this.offsets[row]! };
  }

  /** Rows to render for a viewport at `scrollTop`, with `overscan` rows either side: [start, end). */
  range(scrollTop: number, viewport: number, overscan = 6): [number, number] {
    if (!this.rows.length) return [0, 0];
    const top = Math.max(0, Math.min(scrollTop, this.height - viewport));
    const first = this.rowAt(top);
    const last = this.rowAt(top + viewport);
    return [Math.max(0, first - overscan), Math.min(this.rows.length, last + overscan + 1)];
  }

  /** The row index of the entry at 1-based `position` among the results. */
  rowOfPosition(position: number): number {
    let low = 0;
    let high = this.rows.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      const row = this.rows[mid]!;
      const at = 'position' in row ? row.position : (this.rows[mid + 1] as { position: number } | undefined)?.position ?? Infinity;
      if (at < position) low = mid + 1;
      else high = mid;
    }
    return 'position' in this.rows[low]! ? low : low + 1;
  }
}
