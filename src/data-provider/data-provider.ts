import { ContextProvider } from '@lit/context';
import { css, html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { adapterContext } from '../context/adapter-context.js';
import { builtInAdapter, defaultAdapter } from '../context/default-adapter.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { User } from '../data/contract/model.js';
import { LiftElement } from '../internal/lift-element.js';

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
   * does not become the user of every other element on the page.
   */
  user: User | undefined;

  #own: LiftAdapter | undefined;
  readonly #provider = new ContextProvider(this, { context: adapterContext, initialValue: defaultAdapter() });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('user') && !changed.has('adapter')) return;
    const adapter = this.adapter ?? (this.user ? (this.#own ??= builtInAdapter()) : defaultAdapter());
    if (this.user) adapter.session.setUser(this.user);
    // Forced, so that elements re-render with the new user's rights even when the adapter stayed.
    this.#provider.setValue(adapter, true);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
