import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost, ReactiveElement } from 'lit';
import type { ChangeListener, DataChange, LiftAdapter, LifecycleNotice } from '../data/contract/adapter.js';
import { adapterContext } from './adapter-context.js';
import { defaultAdapter, waitingAdapter } from './default-adapter.js';

type Host = ReactiveElement & { adapter?: LiftAdapter | undefined };

/**
 * Elements that found no provider when they connected ask again whenever one connects: a
 * `<lift-data-provider>` defined after the elements inside it (its entry imported later, or
 * loaded on demand) is theirs all the same, and without asking they would go on reading and
 * writing the built-in database.
 */
const unprovided = new Set<() => void>();
globalThis.document?.addEventListener('context-provider', (event) => {
  if ((event as Event & { context?: unknown }).context === adapterContext) unprovided.forEach((ask) => ask());
});

/**
 * Whether `node` is in a `<lift-data-provider>`: at or above it in the flat tree, the path its
 * context request travels. A slotted node goes on to its slot (a provider in a shadow root around
 * a slot is the provider of the light children shown there), others to their parent, and a
 * shadow root to its host.
 */
const inProvider = (node: Node | null | undefined): unknown =>
  node && ((node as Element).localName === 'lift-data-provider' || inProvider((node as Element).assignedSlot ?? node.parentNode ?? (node as ShadowRoot).host));

/**
 * `onChange` for a host whose next update reads everything anew when another user signed in,
 * `readsFor` giving the user its reads are for: a data change heard after another user signed in
 * is not passed on (that read brings it); the host updates instead.
 */
export function heardPerUser(adapter: LiftAdapter, host: ReactiveControllerHost, readsFor: () => unknown, onChange: ChangeListener): ChangeListener {
  return (change) => {
    if ('resource' in change && readsFor() !== adapter.session.currentUser().id) host.requestUpdate();
    else onChange(change);
  };
}

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

  /** `readsFor`: the user the host's reads are for, when it reads anew for another one (see `heardPerUser`). */
  constructor(
    private readonly host: Host,
    private readonly onChange?: (change: DataChange | LifecycleNotice) => void,
    private readonly readsFor?: () => unknown,
  ) {
    // The provider re-announces its adapter when the user changes, so rights re-render too.
    this.#consumer = new ContextConsumer(host, {
      context: adapterContext,
      subscribe: true,
      callback: (adapter) => {
        this.#provided = adapter;
        this.#answered = true;
        unprovided.delete(this.#ask);
        this.#sync();
        host.requestUpdate();
      },
    });
    host.addController(this);
  }

  /**
   * The adapter to use now. Inside a `<lift-data-provider>` not defined yet, the waiting stand-in:
   * once the provider is defined it answers the ask again, and its adapter comes instead.
   */
  get value(): LiftAdapter {
    return this.host.adapter ?? this.#provided ?? (this.#waits() ? waitingAdapter() : defaultAdapter());
  }

  /**
   * Whether the host sits in a `<lift-data-provider>` (up the flat tree), while that tag is
   * undefined (a provider that answered comes first in `value`). Found, it holds for the
   * connection (a move connects the host again); not yet, it is looked for again at each read: a
   * shell that renders the provider's slot renders it after its light children connected.
   */
  #inProvider: unknown;

  #waits(): boolean {
    if (customElements.get('lift-data-provider')) return false;
    return Boolean((this.#inProvider ||= this.#connected && inProvider(this.host)));
  }

  /**
   * The provider's adapter, kept apart from the consumer's value, which outlives a move: an
   * element moved out of its provider would go on reading and writing through it. It is let go
   * of when the element connects again and no provider answers; until then (while it is away
   * from the page) it stays, so that a move never opens the built-in database on the way.
   */
  #provided: LiftAdapter | undefined;
  #answered = false;

  readonly #ask = () => this.#consumer.hostConnected();

  hostConnected(): void {
    this.#connected = true;
    // The consumer asked first (it was added first), and a provider above answers at once.
    if (!this.#answered) {
      this.#provided = undefined;
      unprovided.add(this.#ask);
    }
    this.#inProvider = !customElements.get('lift-data-provider') && inProvider(this.host);
    this.#sync();
  }

  hostDisconnected(): void {
    this.#answered = false;
    unprovided.delete(this.#ask);
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = this.#subscribed = undefined;
  }

  hostUpdate(): void {
    this.#sync();
  }

  #sync(): void {
    const onChange = this.onChange;
    if (!this.#connected || !onChange) return;
    const adapter = this.value;
    if (adapter === this.#subscribed) return;
    this.#unsubscribe?.();
    this.#subscribed = adapter;
    this.#unsubscribe = adapter.subscribe(this.readsFor ? heardPerUser(adapter, this.host, this.readsFor, onChange) : onChange);
    this.host.requestUpdate();
  }
}
