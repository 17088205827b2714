import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { adapterContext } from '../context/adapter-context.js';
import { builtInAdapter, defaultAdapter } from '../context/default-adapter.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { User } from '../data/contract/model.js';
import { LiftElement } from '../internal/lift-element.js';

/** Each adapter's user from before a provider first set one: who it acts for when that user goes. */
const ownUsers = new WeakMap<LiftAdapter, User>();

/** What a provider in the page provides: its adapter, and the user it gave it (`at`: when). */
type Provided = { adapter: LiftAdapter; user: User | undefined; at: number };
/** Per adapter, the providers in the page that provide it. */
const providing = new WeakMap<LiftAdapter, Map<LiftDataProvider, Provided>>();
let gifts = 0;

/**
 * Gives every lift element inside it an adapter and a current user. Without one, elements use
 * a shared IndexedDB database named `lift`. Set `lang` on it (or any ancestor) for the language.
 *
 * ```html
 * <lift-data-provider lang="en"><lift-contact-card contact-id="…"></lift-contact-card></lift-data-provider>
 * <script type="module">document.querySelector('lift-data-provider').adapter = new MyAdapter();</script>
 * ```
 *
 * @summary Provides the data adapter and current user to the elements inside it.
 * @slot - The elements that use the adapter.
 */
export class LiftDataProvider extends LiftElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties: PropertyDeclarations = {
    adapter: { attribute: false },
    user: { attribute: false },
  };

  /** The adapter for everything inside; default: the shared IndexedDB adapter. */
  adapter: LiftAdapter | undefined;

  /**
   * Who the elements act for; passed to the adapter's `session.setUser`. Without an `adapter`,
   * a provider with a user gets an IndexedDB adapter of its own (same database), so its user
   * does not become the user of every other element on the page. A user the adapter refuses
   * (no id or role) is warned about and ignored. Taken away (signed out), the adapter acts for
   * its own user again, the one it had before; so does an adapter swapped for another, and one
   * whose provider left the page (moved, it gives its user again). An adapter that providers
   * share acts for the user the latest of them in the page gave it.
   */
  user: User | undefined;

  /** The IndexedDB adapter of its own, while it has a user and no `adapter` and is in the page. */
  #own: LiftAdapter | undefined;
  /** What it provides while in the page; out of it, what it provided. */
  #provided: Provided | undefined;
  #away: (Provided & { inForce: boolean }) | undefined;
  readonly #provider = new ContextProvider(this, { context: adapterContext, initialValue: defaultAdapter() });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('user') && !changed.has('adapter')) return;
    if (this.isConnected) return this.#provide();
    // Out of the page it provides nothing; it provides these once it is back.
    this.#leave();
    this.#away = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const away = this.#away;
    this.#away = undefined;
    // Moved at once, it still provides what it did.
    if (this.#provided) return;
    if (!away) {
      if (this.hasUpdated) this.#provide();
      return;
    }
    // Back: the same adapter, and its user again if the adapter acted for them when it left.
    this.#provided = away;
    LiftDataProvider.#providers(away.adapter).set(this, away);
    if (away.inForce && away.user) {
      away.adapter.session.setUser(away.user);
      LiftDataProvider.#announce(away.adapter, this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Once the elements inside have left with it (they hear no change of user on their way out),
    // and unless it is back by then: a move takes it out and puts it back at once.
    queueMicrotask(() => this.#leave());
  }

  /** Out of the page: lets go of the user it gave, and closes the adapter of its own. */
  #leave(): void {
    if (this.isConnected) return;
    const provided = this.#provided;
    if (provided) this.#away = { ...provided, inForce: this.#letGo(provided) };
    if (this.#own) this.#closeOwn();
  }

  #provide(): void {
    const adapter = this.adapter ?? (this.user ? (this.#own ??= builtInAdapter()) : defaultAdapter());
    const previous = this.#provided;
    const provided: Provided = { adapter, user: undefined, at: ++gifts };
    const user = this.user;
    if (user) {
      if (!ownUsers.has(adapter)) ownUsers.set(adapter, adapter.session.currentUser());
      try {
        adapter.session.setUser(user);
        provided.user = user;
      } catch (error) {
        // The elements still get the host's adapter, acting for whom it acted for.
        console.warn(`<lift-data-provider>: the user ${JSON.stringify(user)} was not taken:`, error);
      }
    }
    // Signed out, a user refused, or another adapter: the one it gave a user gets its own back.
    if (previous) this.#letGo(previous, !!provided.user && previous.adapter === adapter);
    LiftDataProvider.#providers(adapter).set(this, provided);
    this.#provided = provided;
    // Forced, so that elements re-render with the new user's rights even when the adapter stayed.
    this.#provider.setValue(adapter, true);
    if (provided.user) LiftDataProvider.#announce(adapter, this);
    if (this.#own && adapter !== this.#own) this.#closeOwn();
  }

  /**
   * Stops providing `provided`. An adapter still acting for the user this provider gave it (a
   * backend used before a sign-out never acts for whom it signed out) acts for the latest user
   * another provider gives it, else for its own again. Returns whether it acted for that user.
   */
  #letGo(provided: Provided, replaced = false): boolean {
    const { adapter, user } = provided;
    const others = LiftDataProvider.#providers(adapter);
    others.delete(this);
    if (this.#provided === provided) this.#provided = undefined;
    if (!user || adapter.session.currentUser().id !== user.id) return false;
    if (replaced) return true;
    const next = [...others.values()].filter((other) => other.user).sort((a, b) => b.at - a.at)[0]?.user;
    adapter.session.setUser(next ?? ownUsers.get(adapter)!);
    LiftDataProvider.#announce(adapter, this);
    return true;
  }

  #closeOwn(): void {
    const own = this.#own;
    if (this.#away?.adapter === own) this.#away = undefined;
    this.#own = undefined;
    own?.close?.();
  }

  static #providers(adapter: LiftAdapter): Map<LiftDataProvider, Provided> {
    let all = providing.get(adapter);
    if (!all) providing.set(adapter, (all = new Map()));
    return all;
  }

  /** After `adapter` got another user: its other providers announce it again, for that user's rights. */
  static #announce(adapter: LiftAdapter, except: LiftDataProvider): void {
    for (const provider of LiftDataProvider.#providers(adapter).keys()) if (provider !== except) provider.#provider.setValue(adapter, true);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
