import type { ButtonAction, ButtonToken } from './button-bar/actions.js';
import type { TimelineEntry } from './data/model.js';

/** Every lift event bubbles out of shadow roots so hosts can listen on any ancestor. */
const liftEventInit = { bubbles: true, composed: true, cancelable: true } as const;

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
  static readonly eventName = 'lift-action';
  readonly detail: LiftActionDetail;
  constructor(detail: LiftActionDetail) {
    super(LiftActionEvent.eventName, liftEventInit);
    this.detail = { ...detail };
  }
}

/** The user changed which buttons the bar shows (button 12). Cancel to keep the old set. */
export class LiftButtonsChangeEvent extends Event {
  static readonly eventName = 'lift-buttons-change';
  /** `buttons`: the new choice in order; `undefined` after "reset to default". */
  readonly detail: { buttons: ButtonToken[] | undefined };
  constructor(buttons: ButtonToken[] | undefined) {
    super(LiftButtonsChangeEvent.eventName, liftEventInit);
    this.detail = { buttons: buttons && [...buttons] };
  }
}

/** The user changed which detail tabs the card shows (button 11). Cancel to keep the old set. */
export class LiftDetailTabsChangeEvent extends Event {
  static readonly eventName = 'lift-detail-tabs-change';
  /** `detailTabs`: the new choice in order; `undefined` after "reset to default". */
  readonly detail: { detailTabs: string[] | undefined };
  constructor(detailTabs: string[] | undefined) {
    super(LiftDetailTabsChangeEvent.eventName, liftEventInit);
    this.detail = { detailTabs: detailTabs && [...detailTabs] };
  }
}

/** Whether any checklist item applies to the card (its Checklist tab shows only then). */
export class LiftChecklistAvailabilityEvent extends Event {
  static readonly eventName = 'lift-checklist-availability';
  readonly detail: { available: boolean };
  constructor(available: boolean) {
    super(LiftChecklistAvailabilityEvent.eventName, { bubbles: true, composed: true });
    this.detail = { available };
  }
}

/** An entry of the contact overview was chosen (click or Enter). Cancelable. */
export class LiftTimelineSelectEvent extends Event {
  static readonly eventName = 'lift-timeline-select';
  readonly detail: { entry: TimelineEntry };
  constructor(entry: TimelineEntry) {
    super(LiftTimelineSelectEvent.eventName, liftEventInit);
    this.detail = { entry };
  }
}

declare global {
  interface HTMLElementEventMap {
    'lift-timeline-select': LiftTimelineSelectEvent;
    'lift-checklist-availability': LiftChecklistAvailabilityEvent;
    'lift-action': LiftActionEvent;
    'lift-buttons-change': LiftButtonsChangeEvent;
    'lift-detail-tabs-change': LiftDetailTabsChangeEvent;
  }
}
