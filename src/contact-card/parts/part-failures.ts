import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { CardVoice } from '../voice.js';

/**
 * Code the card imports on first use (a dialog, a tab's element) that did not arrive: the card
 * shows it in words with a retry, so an action never just does nothing. Failures are counted
 * per part: Firefox keeps a failed module import failed until the page reloads, so
 * after a retry that did not help the card offers the reload too (unsaved personal details are
 * kept as a draft across it).
 */
export class PartFailures {
  readonly #counts = new Map<string, number>();
  /** The failure the card shows, if any. */
  shown: { failures: number; retry(): void } | undefined;
  /** Whether the shown failure outlives the contact (the card's own code, not an action's). */
  #lasting = false;
  /** The part whose failure shows. */
  #part = '';

  constructor(private readonly host: ReactiveElement) {}

  /**
   * `lasting` for code the card itself needs whichever contact it shows (its language, its
   * summary): without it the failure goes with the contact, as the action it stopped did.
   */
  failed(part: string, retry: () => void, lasting = false): void {
    this.#lasting = lasting;
    this.#part = part;
    const failures = (this.#counts.get(part) ?? 0) + 1;
    this.#counts.set(part, failures);
    this.shown = {
      failures,
      retry: () => {
        this.clear();
        retry();
      },
    };
    this.host.requestUpdate();
  }

  /** The part arrived: a later failure starts counting again. */
  loaded(part: string): void {
    this.#counts.delete(part);
  }

  /** The shown failure as a banner across the card. */
  banner(voice: Pick<CardVoice, 't'>): TemplateResult | typeof nothing {
    return this.shown ? renderPartFailure(voice, this.shown.failures, this.shown.retry, 'banner error') : nothing;
  }

  /**
   * `part` is there after all: its failure, if shown, goes. Once it `arrived` (a retry brought
   * it, or it loaded when chosen again) a later failure is a first one again; not when its
   * language was only chosen away from, as asking for it again fails again where the browser
   * keeps the failure.
   */
  recovered(part: string, arrived: boolean): void {
    if (arrived) this.loaded(part);
    if (this.#part === part) this.clear();
  }

  /** `all` false: only a failure that goes with the contact (another contact shows). */
  clear(all = true): void {
    if (!this.shown || (this.#lasting && !all)) return;
    this.shown = undefined;
    this.host.requestUpdate();
  }
}

/** A part that could not be loaded: why, a retry, and after a second failure a page reload. */
export function renderPartFailure(voice: Pick<CardVoice, 't'>, failures: number, retry: () => void, part = 'error'): TemplateResult {
  const { t } = voice;
  return html`<div part=${part} class="notice" role="alert">
    <span>${t(failures > 1 ? 'partFailedAgain' : 'partFailed')}</span>
    <button type="button" @click=${retry}>${t('retry')}</button>
    ${failures > 1 ? html`<button type="button" @click=${() => location.reload()}>${t('reloadPage')}</button>` : nothing}
  </div>`;
}
