/* The button bar's press event, in a module of its own: the one-script bundle puts it in the
   chunk every element loads, and the card's, timeline's and checklist's events in the one only
   elements bound to data load, so a page with only the bar fetches none of those. The bar's
   choice events come with its menus (`bar-choice-events.ts`). Hosts import all of them from the
   package root. Event names are static getters, not static fields: a static field compiles to a
   static block, which bundlers keep as a side effect. */
import type { ButtonAction } from './vocabulary.js';

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

declare global {
  interface HTMLElementEventMap {
    'lift-action': LiftActionEvent;
  }
}
