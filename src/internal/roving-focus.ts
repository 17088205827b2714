/** How a list of focusable items moves with the keyboard. */
export interface RovingOptions {
  /** `horizontal`: Arrow Left / Right (swapped right-to-left); `vertical`: Arrow Up / Down. */
  orientation: 'horizontal' | 'vertical';
  /** Past the last item comes the first, and back (default). Without it, moves stop at the ends. */
  wrap?: boolean;
  /** Items per Page Up / Page Down; without it those keys do nothing. */
  page?: number;
}

/**
 * Where a key moves focus in a list of `count` items from `index` (0-based): Arrow keys by one,
 * Page Up / Down by `page`, Home and End to the ends. `undefined` for any other key.
 */
export function rovingMove(
  pressed: string | Pick<KeyboardEvent, 'key' | 'altKey' | 'metaKey'>,
  index: number,
  count: number,
  options: RovingOptions & { rtl?: boolean },
): number | undefined {
  // With Alt or Command the key is the browser's or the page's (Alt+Left and Command+Left go back,
  // Alt+PageDown is the card's next contact); with Control it moves as without (Control+End in a feed).
  if (typeof pressed !== 'string' && (pressed.altKey || pressed.metaKey)) return undefined;
  const key = typeof pressed === 'string' ? pressed : pressed.key;
  if (count <= 0) return undefined;
  const last = count - 1;
  const horizontal = options.orientation === 'horizontal';
  const next = horizontal ? (options.rtl ? 'ArrowLeft' : 'ArrowRight') : 'ArrowDown';
  const previous = horizontal ? (options.rtl ? 'ArrowRight' : 'ArrowLeft') : 'ArrowUp';
  const wrap = options.wrap ?? true;
  const step = (by: number) => {
    const target = index + by;
    if (wrap && Math.abs(by) === 1) return target > last ? 0 : target < 0 ? last : target;
    return Math.min(last, Math.max(0, target));
  };
  switch (key) {
    case next:
      return step(1);
    case previous:
      return step(-1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return options.page ? step(options.page) : undefined;
    case 'PageUp':
      return options.page ? step(-options.page) : undefined;
    default:
      return undefined;
  }
}

/** Whether `element` lays out right to left (its own `dir`, or one inherited). */
const isRtl = (element: Element) => getComputedStyle(element).direction === 'rtl';

/**
 * The one keyboard pattern of the library's composite widgets (toolbar, tab lists, menus, the
 * overview feed): one tab stop, arrows move among the items, Home / End jump to the ends,
 * right-to-left swaps Left and Right. `handle` takes a keydown: the item moved to gets focus
 * and the one tab stop, then `moved` does what else the widget needs (a tab list shows the tab).
 */
export class RovingFocus {
  constructor(private readonly options: RovingOptions) {}

  /** Moves for a keydown on one of `items`; true when the key was handled. */
  handle(event: KeyboardEvent, items: readonly HTMLElement[], moved?: (index: number, item: HTMLElement) => void): boolean {
    const current = items.indexOf(event.composedPath()[0] as HTMLElement);
    if (current < 0) return false;
    const rtl = this.options.orientation === 'horizontal' && isRtl(items[current]!);
    const target = rovingMove(event, current, items.length, { ...this.options, rtl });
    if (target === undefined) return false;
    event.preventDefault();
    const item = items[target]!;
    for (const [i, other] of items.entries()) other.tabIndex = i === target ? 0 : -1;
    item.focus();
    moved?.(target, item);
    return true;
  }
}
