/* The button bar's events, in a module of their own: the one-script bundle puts them in the
   chunk every element loads, and the card's, timeline's and checklist's events in the one only
   elements bound to data load, so a page with only the bar fetches none of those. Hosts import
   all of them from the package, through `events.ts`. Event names are static getters, not static
   fields: a static field compiles to a static block, which bundlers keep as a side effect. */
import type { ButtonAction, ButtonToken } from './vocabulary.js';

/** Every lift event bubbles out of shadow roots so hosts can listen on any ancestor. */
export const liftEventInit = { bubbles: true, composed: true, cancelable: true } as const;

export type WorkKindChoice = 'lead' | 'request' | 'project';

export interface LiftActionDetail {
  action: ButtonAction;
  /** For `create`: the kind chosen in its menu. */
  kind?: WorkKindChoice;
  /** For `document` and `reports`: the item chosen in their menu. */
  id?: string;
}

/**
 * A user pressed an action, or chose an item in an action's menu. Cancelable: cancel it to stop
 * the default (for `create`, `document`, `reports`, `configure` and `detail-tabs` without a
 * choice yet, the default is opening their menu; otherwise the host card performs the action).
 */
export class LiftActionEvent extends Event {
  static get eventName() {
    return 'lift-action' as const;
  }
  readonly detail: LiftActionDetail;
  constructor(detail: LiftActionDetail) {
    super(LiftActionEvent.eventName, liftEventInit);
    this.detail = { ...detail };
  }
}

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
    'lift-action': LiftActionEvent;
    'lift-buttons-change': LiftButtonsChangeEvent;
    'lift-detail-tabs-change': LiftDetailTabsChangeEvent;
  }
}
