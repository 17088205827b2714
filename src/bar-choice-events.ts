/* The bar's choice events, sent only from its menus: in a module of their own, they come with
   the menus' code instead of with the bar's (0.05 KB less on the bar's entry in a host's build).
   Hosts import them from the package root; `events.ts`, which the elements bound to data
   import, does not pass them on, so the menus need none of that code. */
import { liftEventInit } from './bar-events.js';
import type { ButtonToken } from './vocabulary.js';

/** The user changed which buttons the bar shows (its "configure" menu). Cancel to keep the old set. */
export class LiftButtonsChangeEvent extends Event {
  static get eventName() {
    return 'lift-buttons-change' as const;
  }
  /** `buttons`: the new choice in order; `undefined` after "reset to default". */
  readonly detail: { buttons: ButtonToken[] | undefined };
  constructor(buttons: ButtonToken[] | undefined) {
    super(LiftButtonsChangeEvent.eventName, liftEventInit);
    this.detail = { buttons: buttons && [...buttons] };
  }
}

/** The user changed which detail tabs the card shows (the bar's "detail tabs" menu). Cancel to keep the old set. */
export class LiftDetailTabsChangeEvent extends Event {
  static get eventName() {
    return 'lift-detail-tabs-change' as const;
  }
  /** `detailTabs`: the new choice in order; `undefined` after "reset to default". */
  readonly detail: { detailTabs: string[] | undefined };
  constructor(detailTabs: string[] | undefined) {
    super(LiftDetailTabsChangeEvent.eventName, liftEventInit);
    this.detail = { detailTabs: detailTabs && [...detailTabs] };
  }
}

declare global {
  interface HTMLElementEventMap {
    'lift-buttons-change': LiftButtonsChangeEvent;
    'lift-detail-tabs-change': LiftDetailTabsChangeEvent;
  }
}
