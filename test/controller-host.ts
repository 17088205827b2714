import type { CardVoice } from '../src/contact-card/voice.js';
import { LiftDataError } from '../src/data/contract/errors.js';

/**
 * What the card's controllers need of a card, and no DOM: renders asked for are counted, and
 * what was said and asked is kept (`answer` is what a question is answered with).
 */
export class ControllerHost extends EventTarget {
  renders = 0;
  said: string[] = [];
  asked: string[] = [];
  answer = 'cancel';
  readonly updateComplete = Promise.resolve(true);
  addController(): void {}
  removeController(): void {}
  requestUpdate(): void {
    this.renders++;
  }
}

/** A card's voice that speaks in keys (with their parameters) and error codes, saying into `host.said`. */
export const keyVoice = (host: ControllerHost): CardVoice => ({
  t: (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key),
  reason: (error) => (LiftDataError.is(error) ? error.code : String(error)),
  reasonOf: (code) => code,
  announce: (key) => host.said.push(key),
  report: () => undefined,
  date: (iso) => iso ?? '',
  time: (iso) => iso,
});
