import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { adapterContext } from '../context/adapter-context.js';
import { builtInAdapter, defaultAdapter } from '../context/default-adapter.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { User } from '../data/contract/model.js';
import { LiftElement } from '../internal/lift-element.js';

/** Each adapter's user from before a provider first set one: who it acts for when that user goes. */
const ownUsers = new WeakMap<LiftAdapter, User>();
/** The provider that last gave each adapter a user. */
const givers = new WeakMap<LiftAdapter, LiftDataProvider>();

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
   * whose provider with a user left the page once a provider without one provides it (a host
   * that signs out by swapping views). A provider only taken out and put back (a tab panel, a
   * view kept alive) gives nothing up: its elements go on as they were.
   */
  user: User | undefined;

  #own: LiftAdapter | undefined;
  /** The user this provider last gave the adapter. */
  #given: { adapter: LiftAdapter; user: User } | undefined;
  readonly #provider = new ContextProvider(this, { context: adapterContext, initialValue: defaultAdapter() });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('user') && !changed.has('adapter')) return;
    const adapter = this.#adapterFor();
    const given = this.#given;
    // Signed out, or no longer provided: the adapter this provider gave a user, still acting for
    // them, gets its own back (a backend used before a sign-out never acts for whom it signed out).
    if (given && (!this.user || given.adapter !== adapter) && given.adapter.session.currentUser().id === given.user.id) {
      given.adapter.session.setUser(ownUsers.get(given.adapter)!);
      this.#given = undefined;
    }
    // Its user taken away while the adapter acted for another: none to give again once back.
    if (!this.user) this.#given = undefined;
    this.#signedOutElsewhere(adapter);
    const user = this.user;
    if (user) {
      if (!ownUsers.has(adapter)) ownUsers.set(adapter, adapter.session.currentUser());
      try {
        adapter.session.setUser(user);
        this.#given = { adapter, user };
        givers.set(adapter, this);
      } catch (error) {
        // The elements still get the host's adapter, acting for whom it acted for.
        console.warn(`<lift-data-provider>: the user ${JSON.stringify(user)} was not taken:`, error);
      }
    }
    // Forced, so that elements re-render with the new user's rights even when the adapter stayed.
    this.#provider.setValue(adapter, true);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A signed-out view kept and put back (a cached template, a route kept alive) signs out too.
    if (this.hasUpdated && !this.user) {
      const adapter = this.#adapterFor();
      if (this.#signedOutElsewhere(adapter)) this.#provider.setValue(adapter, true);
    }
    // Back in the page after its adapter was given back to its own user: it gives its user again.
    const given = this.#given;
    if (!given || given.adapter.session.currentUser().id === given.user.id) return;
    given.adapter.session.setUser(given.user);
    givers.set(given.adapter, this);
    this.#provider.setValue(given.adapter, true);
  }

  /** The adapter it provides: the host's, else (with a user) its own or the shared one. */
  #adapterFor(): LiftAdapter {
    return this.adapter ?? (this.user ? (this.#own ??= builtInAdapter()) : defaultAdapter());
  }

  /**
   * Provided without a user: when the provider that gave `adapter` its user has left the page (a
   * host signing out by swapping views), the adapter acts for its own user again.
   */
  #signedOutElsewhere(adapter: LiftAdapter): boolean {
    const giver = givers.get(adapter);
    if (this.user || !giver || giver === this || giver.isConnected || adapter.session.currentUser().id !== giver.#given?.user.id) return false;
    adapter.session.setUser(ownUsers.get(adapter)!);
    givers.delete(adapter);
    return true;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
