import type { LiftAdapter } from '../data/contract/adapter.js';
import type { ContactField } from '../data/contract/model.js';
import { LiftDataError, type LiftErrorCode } from '../data/contract/errors.js';
import { LiftErrorEvent, type LiftOperation } from '../events.js';
import { codeWords, errorWords } from '../i18n/error-words.js';
import { type LocalizeController } from '../i18n/localize.js';
import { formatDate } from '../i18n/dates.js';
import type { Announcer } from '../internal/announcer.js';
import { contactCardMessages, type CardMessage, type ContactCardMessage } from './messages.js';

/** How the card's parts speak: strings in the reader's language, live messages and errors. */
export interface CardVoice {
  t(key: ContactCardMessage, params?: Record<string, string | number>): string;
  /**
   * An error in words for the user; `ofContact` when what failed was the contact's own record
   * (its load, save or archiving): gone and conflict are then said of the contact.
   */
  reason(error: unknown, ofContact?: boolean): string;
  /** The same words for an error known only by its code. */
  reasonOf(code: LiftErrorCode, ofContact?: boolean): string;
  /** Says `key` through the card's live region. */
  announce(key: ContactCardMessage, params?: Record<string, string | number>): void;
  /** Dispatches `lift-error` for `operation`. */
  report(operation: LiftOperation, error: unknown): void;
  /** A date (and time) in the reader's language; text that is no date stays as it is. */
  date(iso: string | undefined, withTime?: boolean): string;
  /** The time of day of `iso` (hours and minutes) in the reader's language. */
  time(iso: string): string;
}

/**
 * A question with buttons; resolves the chosen button's id (`cancel` when dismissed). Its words
 * are put into words at each render, so an open question follows a change of language.
 */
export type Ask = (
  title: () => string,
  message: () => string,
  choices: { id: string; label: () => string; primary?: boolean; focus?: boolean }[],
) => Promise<string>;

/** The card's own sentence for an error code (`reason.<code>`), where it says more than the general one. */
const cardReason = (code: LiftErrorCode): ContactCardMessage | undefined => {
  const key = `reason.${code}`;
  return key in contactCardMessages.nl ? (key as ContactCardMessage) : undefined;
};

/** The card's voice over its localization, its live region and its events. */
export function cardVoice(host: EventTarget, i18n: LocalizeController<ContactCardMessage, CardMessage>, announcer: Announcer): CardVoice {
  const voice: CardVoice = {
    t: (key, params) => i18n.t(key, params),
    reason: (error, ofContact) =>
      // Refused because the contact was archived meanwhile (a colleague did, while a dialog was open): not the user's input.
      LiftDataError.is(error, 'validation') && error.fields?.archived === 'archived'
        ? i18n.t('reason.archived')
        : LiftDataError.is(error)
          ? voice.reasonOf(error.code, ofContact)
          : errorWords(error, i18n.lang),
    reasonOf: (code, ofContact) => {
      const own = ofContact && cardReason(code);
      return own ? i18n.t(own) : codeWords(code, i18n.lang);
    },
    announce: (key, params) => announcer.say(i18n.t(key, params)),
    /** @ignore documented on the card */
    report: (operation, error) => host.dispatchEvent(new LiftErrorEvent(operation, error)),
    date: (iso, withTime = false) => formatDate(i18n.locale, iso, withTime),
    time: (iso) => formatDate(i18n.locale, iso, { hour: '2-digit', minute: '2-digit' }),
  };
  return voice;
}

/** What the card gives its edit session: the adapter and contact of the moment, its voice, and ways to ask and to show. */
export interface EditSessionOptions {
  adapter(): LiftAdapter;
  /** The contact the card shows now; edits are never saved onto another one. */
  contactId(): string | undefined;
  voice: CardVoice;
  ask: Ask;
  /** Shows a field of the personal details and moves focus into it. */
  showField(field: ContactField): Promise<void>;
  /** A conflict dialog is about to open from the user's action: remember where focus was. */
  keepFocus(): void;
  /** The contact may no longer be read by this user (archived by a colleague, and she may not see archived contacts): the card refuses it, as an open would. */
  refused?(): Promise<void>;
}
