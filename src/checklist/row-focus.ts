/** The checklist's item rows, in the order shown. */
export const itemRows = (root: ParentNode): HTMLElement[] => [...root.querySelectorAll<HTMLElement>('[part~="item"]')];

/** The row of `itemId`, when it is shown. */
export const itemRow = (root: ParentNode, itemId: string): HTMLElement | null => root.querySelector(`[data-item-id="${CSS.escape(itemId)}"]`);

/** A row's tick box, when it can be ticked (a disabled one takes no focus). */
export const tickBox = (row: Element | null | undefined): HTMLInputElement | null | undefined => row?.querySelector<HTMLInputElement>('input[type="checkbox"]:not(:disabled)');

/**
 * Where focus goes when an item's row left the list (only open items shown) at `place`, its
 * index before: the nearest item that can be ticked, the one now in its place first, then those
 * before it; else the "Open items only" filter.
 */
export function nearTickBox(root: ParentNode, place: number): HTMLInputElement | null | undefined {
  const rows = itemRows(root);
  const next = [...rows.slice(place), ...rows.slice(0, place).reverse()].find((row) => tickBox(row));
  return tickBox(next) ?? root.querySelector<HTMLInputElement>('header input[type="checkbox"]');
}

/** Where `itemId`'s row stands among the rows shown; -1 when it is not shown. */
export const rowPlace = (root: ParentNode, itemId: string): number => itemRows(root).findIndex((row) => row.dataset.itemId === itemId);

/**
 * Focus once an item's note editor closed, its row at `place` before: on the note's button;
 * without one (the item cannot be edited) on the row's box, else the heading; the row gone (a
 * done item, only open items shown) on the nearest item. A row not shown before (a note said in
 * a notice) moves nothing.
 */
export function focusAfterNote(root: ParentNode, itemId: string, place: number): void {
  const row = itemRows(root).find((r) => r.dataset.itemId === itemId);
  const heading = () => root.querySelector<HTMLElement>('#heading');
  if (row) (row.querySelector<HTMLElement>('.line button') ?? tickBox(row) ?? heading())?.focus();
  else if (place >= 0) (nearTickBox(root, place) ?? heading())?.focus();
}
