import type { LiftOperation } from '../events.js';
import type { ContactCardMessage } from './messages.js';

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
