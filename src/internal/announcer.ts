import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * A polite live region for messages a screen reader should say ("Saved", "Refreshed"). The
 * region is emptied and filled again in the next render, so the same words said twice are
 * announced twice.
 */
export class Announcer {
  #text = '';

  constructor(private readonly host: ReactiveControllerHost) {}

  /** What the region says now. */
  get text(): string {
    return this.#text;
  }

  say(text: string): void {
    this.#text = '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      this.#text = text;
      this.host.requestUpdate();
    });
  }

  render(): TemplateResult {
    return html`<p class="visually-hidden" role="status">${this.#text}</p>`;
  }
}
