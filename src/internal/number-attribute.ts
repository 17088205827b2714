import type { ComplexAttributeConverter } from 'lit';
import { warnOnce } from './token-list.js';

/**
 * A Lit converter for a whole-number attribute of at least `min`, written in digits. Anything
 * else (`"abc"`, `"-2"`, `"1.5"`, `"0x10"`, `"1e3"`, a number too long to hold exactly) is
 * ignored with one warning and reads as absent, instead of becoming NaN or another number.
 */
export function integerConverter(min: number, context: string): ComplexAttributeConverter<number | undefined> {
  return {
    fromAttribute(value) {
      if (value == null || value.trim() === '') return undefined;
      const number = Number(value);
      if (/^\s*\d+\s*$/.test(value) && Number.isSafeInteger(number) && number >= min) return number;
      warnOnce(`${context}|${value}`, () =>
        console.warn(`${context}: ignoring ${JSON.stringify(value.slice(0, 40))}; expected a whole number of at least ${min}.`),
      );
      return undefined;
    },
    toAttribute: (value) => (value === undefined ? null : String(value)),
  };
}
