import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { LocalizeController } from '../i18n/localize.js';
import { LazyModule, preloadWhenIdle } from '../internal/lazy-module.js';
import type { TimelineMessage, TimelineWords } from './messages.js';
import type { NoteComposer } from './note-composer.js';

type ComposerHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * Failed fetches of the form's code, counted for the page: the card makes its timeline anew
 * each time the overview's tab shows, and Firefox keeps a failed import failed until the page
 * reloads, so a new one says at once that retrying did not help.
 */
const composerTally = { failures: 0 };

/**
 * The form's code has arrived on this page before: an overview made anew fetches it at once (from
 * the browser's memory), since what a user wrote and did not save yet may wait in it to be shown.
 */
let arrived = false;

/**
 * "Record activity" in the overview: its form and the saving of what was recorded arrive with
 * their first use (or when the browser is idle after the rows have shown), so an overview only
 * read pays nothing for them. While they load, the form's place says so; when they cannot be
 * fetched it says so with a retry, and the overview works on.
 */
export class ComposerPart {
  readonly code: LazyModule<NoteComposer>;
  /** The user asked for the form: it opens once its code is here. */
  #asked = false;
  #preloading = false;
  /** The user has asked for the form before. */
  #tried = false;

  constructor(
    private readonly host: ComposerHost,
    private readonly i18n: LocalizeController<TimelineWords, TimelineMessage>,
    adapter: () => LiftAdapter,
    contactId: () => string | undefined,
    saved: (contactId: string) => Promise<void>,
  ) {
    this.code = new LazyModule(
      host,
      async () => {
        // Its words come with its code (in the reader's language: English loads first).
        const { NoteComposer, composerMessages } = await import('./note-composer.js');
        arrived = true;
        await i18n.extend(composerMessages);
        return new NoteComposer(host, i18n, adapter, contactId, saved);
      },
      composerTally,
    );
  }

  /** Whether the form shows. */
  get composing(): boolean {
    return this.code.current?.composing ?? false;
  }

  /**
   * Opens the form, once its code has arrived. Asked again after a failed fetch, fetches it
   * again; a fetch that failed in the background is first said as it is.
   */
  async open(): Promise<void> {
    if (this.code.failed && this.#tried) this.code.retry();
    this.#tried = this.#asked = true;
    this.host.requestUpdate();
    const composer = this.code.get() ?? (await this.code.settled, this.code.current);
    this.#asked = false;
    if (composer) composer.open();
    else this.host.requestUpdate();
  }

  /**
   * Starts fetching the code when the browser is idle: the user may record something next. The
   * overview renders once more when it is here: a note its page closed on before it was saved,
   * kept in the browser, shows then, not only when the user opens the form. Asked once the first
   * page has shown, with entries or none, in every view of a user who may edit: such a note shows
   * under its contact in an empty overview too, and in the correspondence (an e-mail).
   */
  preload(): void {
    this.#preloading ||= preloadWhenIdle([], [this.code]);
  }

  /**
   * The form (when open and the user may add) and the notes of `contactId` being saved, of the
   * `kinds` the view shows; before
   * the code is here, that it loads or did not. The retry stays in place while it tries again,
   * so focus on it is kept.
   */
  render(canAdd: boolean, contactId: string | undefined, kinds: readonly string[]): TemplateResult | typeof nothing {
    const composer = this.code.current ?? (arrived ? this.code.get() : undefined);
    if (composer) return html`${composer.composing && canAdd ? composer.renderForm() : nothing}${composer.renderPending(contactId, kinds)}`;
    const failed = this.code.failed;
    if (!canAdd || !(this.#asked || failed)) return nothing;
    const t = this.i18n.t.bind(this.i18n);
    return html`<div part="note-form">
      ${failed
        ? html`<p part="error" role="alert">${t('composerUnloaded')} ${this.code.failures > 1 ? t('composerStillUnloaded') : nothing}</p>`
        : html`<p role="status">${t('composerLoading')}</p>`}
      ${this.code.failedBefore ? html`<div class="actions"><button type="button" @click=${() => void this.open()}>${t('retry')}</button></div>` : nothing}
    </div>`;
  }
}
