import type { SyncState } from './data/contract/sync.js';

/**
 * The connection or the outbox of an adapter that keeps a copy on the device changed:
 * `detail.connection` (`online`, `offline`, `syncing`), `detail.waiting` (changes waiting to be
 * sent) and `detail.failed` (changes in conflict or refused, with what the user wrote). Apart
 * from the other events so that only a card on such an adapter loads it.
 */
export class LiftSyncStateEvent extends Event {
  static get eventName() {
    return 'lift-sync-state' as const;
  }
  readonly detail: SyncState;
  constructor(state: SyncState) {
    super(LiftSyncStateEvent.eventName, { bubbles: true, composed: true });
    this.detail = { ...state, failed: [...state.failed] };
  }
}

declare global {
  interface HTMLElementEventMap {
    'lift-sync-state': LiftSyncStateEvent;
  }
}
