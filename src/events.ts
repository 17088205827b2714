import type { ButtonAction } from './button-bar/actions.js';

/** Every lift event bubbles out of shadow roots so hosts can listen on any ancestor. */
const liftEventInit = { bubbles: true, composed: true } as const;

/**
 * A user pressed an action in a button bar. Cancel it (`preventDefault()`) to stop the card's
 * default handling.
 */
export class LiftActionEvent extends Event {
  static readonly eventName = 'lift-action';
  /** `{ action, id?, kind? }`, also as `detail` for hosts that expect a CustomEvent shape. */
  readonly detail: { action: ButtonAction; id?: string; kind?: string };
  constructor(
    readonly action: ButtonAction,
    init: { id?: string; kind?: string } = {},
  ) {
    super(LiftActionEvent.eventName, { ...liftEventInit, cancelable: true });
    this.detail = { action, ...init };
  }
}

declare global {
  interface HTMLElementEventMap {
    'lift-action': LiftActionEvent;
  }
}
