import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { DataChange, LiftAdapter, LifecycleNotice } from '../data/contract/adapter.js';
import { adapterContext } from './adapter-context.js';
import { defaultAdapter } from './default-adapter.js';

type Host = ReactiveElement & { adapter?: LiftAdapter | undefined };

/**
 * Finds an element's adapter: its own `adapter` property, else the nearest
 * `<lift-data-provider>`, else the shared IndexedDB default. Keeps a change-feed subscription
 * to whichever adapter is current and re-renders the host when the adapter changes.
 */
export class AdapterController implements ReactiveController {
  readonly #consumer: ContextConsumer<typeof adapterContext, Host>;
  #subscribed: LiftAdapter | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  /**
   * `readsFor`, for a host whose next update reads everything anew when another user signed in:
   * the user its reads are for. A change heard after another user signed in is then not passed on
   * (that read brings it); the host updates instead.
   */
  constructor(
    private readonly host: Host,
    private readonly onChange?: (change: DataChange | LifecycleNotice) => void,
    private readonly readsFor?: () => unknown,
  ) {
    // The provider re-announces its adapter when the user changes, so rights re-render too.
    this.#consumer = new ContextConsumer(host, {
      context: adapterContext,
      subscribe: true,
      callback: () => {
        this.#sync();
        host.requestUpdate();
      },
    });
    host.addController(this);
  }

  /** The adapter to use now. */
  get value(): LiftAdapter {
    return this.host.adapter ?? this.#consumer.value ?? defaultAdapter();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = this.#subscribed = undefined;
  }

  hostUpdate(): void {
    this.#sync();
  }

  #sync(): void {
    if (!this.#connected || !this.onChange) return;
    const adapter = this.value;
    if (adapter === this.#subscribed) return;
    this.#unsubscribe?.();
    this.#subscribed = adapter;
    this.#unsubscribe = adapter.subscribe((change) => {
      if (this.readsFor && 'resource' in change && this.readsFor() !== adapter.session.currentUser().id) this.host.requestUpdate();
      else this.onChange!(change);
    });
    this.host.requestUpdate();
  }
}
