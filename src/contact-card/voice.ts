import { LiftDataError } from '../data/errors.js';
import { LiftErrorEvent, type LiftOperation } from '../events.js';
import { formatDate, type LocalizeController } from '../i18n/localize.js';
import type { Announcer } from '../internal/announcer.js';
import { contactCardMessages, type ContactCardMessage } from './messages.js';

/** How the card's parts speak: strings in the reader's language, live messages and errors. */
export interface CardVoice {
  t(key: ContactCardMessage, params?: Record<string, string | number>): string;
  /** An error in words for the user. */
  reason(error: unknown): string;
  /** Says `key` through the card's live region. */
  announce(key: ContactCardMessage, params?: Record<string, string | number>): void;
  /** Dispatches `lift-error` for `operation`. */
  report(operation: LiftOperation, error: unknown): void;
  /** A date (and time) in the reader's language; text that is no date stays as it is. */
  date(iso: string | undefined, withTime?: boolean): string;
}

/** A question with buttons; resolves the chosen button's id (`cancel` when dismissed). */
export type Ask = (
  title: string,
  message: string,
  choices: { id: string; label: string; primary?: boolean; focus?: boolean }[],
) => Promise<string>;

/** The sentence for an error's code, where the messages have one (`reason.<code>`). */
const describeCode = (error: unknown): ContactCardMessage => {
  const key = LiftDataError.is(error) ? `reason.${error.code}` : '';
  return key in contactCardMessages.nl ? (key as ContactCardMessage) : 'reason.other';
};

/** The card's voice over its localization, its live region and its events. */
export function cardVoice(host: EventTarget, i18n: LocalizeController<ContactCardMessage>, announcer: Announcer): CardVoice {
  return {
    t: (key, params) => i18n.t(key, params),
    reason: (error) => i18n.t(describeCode(error), { message: error instanceof Error ? error.message : String(error) }),
    announce: (key, params) => announcer.say(i18n.t(key, params)),
    /** @ignore documented on the card */
    report: (operation, error) => host.dispatchEvent(new LiftErrorEvent(operation, error)),
    date: (iso, withTime = false) => formatDate(i18n.lang, iso, withTime),
  };
}
