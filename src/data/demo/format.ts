// Small formats the demo data writes: timestamps, days, e-mail parts, Dutch names and money.
import { fold } from '../contract/text.js';

export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const YEAR = 365 * DAY;

export const iso = (ms: number) => new Date(ms).toISOString();
export const day = (ms: number) => iso(ms).slice(0, 10);

/** An e-mail-safe word: folded, then only a–z and digits. */
export function emailPart(text: string): string {
  return fold(text).replace(/[^a-z0-9]/g, '');
}

/** An infix starts with a capital when no first name precedes it ("Bakkerij Van Dijk"). */
export function surname(infix: string, last: string): string {
  return infix ? `${infix[0]!.toUpperCase()}${infix.slice(1)} ${last}` : last;
}

export const displayName = (first: string, infix: string, last: string) => (infix ? `${first} ${infix} ${last}` : `${first} ${last}`);

/** Dutch money: € 1.234,50. */
export function euros(cents: number): string {
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, '.');
  return `€ ${whole},${String(cents % 100).padStart(2, '0')}`;
}
