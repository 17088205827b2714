import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { ModalController } from '../../internal/modal.js';
import type { Ask } from '../voice.js';

interface Question {
  title: () => string;
  message: () => string;
  /** `focus`: the least destructive choice, which has focus when the question opens. */
  choices: Parameters<Ask>[2];
  resolve: (answer: string) => void;
}

/**
 * The card's questions (archive? save first?) in an alert dialog: one at a time — a new one
 * cancels the one before — its buttons answer with their id, Escape with `cancel`; focus goes
 * back where it was.
 */
export class QuestionDialog {
  #question: Question | undefined;
  readonly #modal: ModalController;

  constructor(private readonly host: ReactiveElement) {
    this.#modal = new ModalController(
      host,
      () => host.renderRoot.querySelector<HTMLDialogElement>('dialog.ask'),
      () => Boolean(this.#question),
      // Escape closes without a button: a stale returnValue must not read as the last answer.
      (dialog) => (dialog.returnValue = ''),
    );
  }

  readonly ask: Ask = (title, message, choices) => {
    this.#question?.resolve('cancel');
    this.#modal.rememberFocus();
    this.host.requestUpdate();
    return new Promise((resolve) => (this.#question = { title, message, choices, resolve }));
  };

  /** The question is moot (another contact opened): answered `cancel`. */
  cancel(): void {
    this.#question?.resolve('cancel');
    this.#question = undefined;
    this.host.requestUpdate();
  }

  #closed(): void {
    const question = this.#question;
    if (!question) return;
    this.#question = undefined;
    this.host.requestUpdate();
    question.resolve(this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.ask')?.returnValue || 'cancel');
    this.#modal.focus.restore();
  }

  render(): TemplateResult {
    const question = this.#question;
    return html`<dialog class="ask" part="dialog" role="alertdialog" aria-labelledby="ask-title" aria-describedby="ask-message" @close=${() => this.#closed()}>
      ${question
        ? html`<form method="dialog">
            <h2 id="ask-title">${question.title()}</h2>
            <p id="ask-message">${question.message()}</p>
            <div class="actions">
              ${question.choices.map(
                (choice) => html`<button value=${choice.id} class=${choice.primary ? 'primary' : ''} ?autofocus=${choice.focus}>${choice.label()}</button>`,
              )}
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

