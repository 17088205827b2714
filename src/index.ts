/**
 * lift-elements: the package root. Importing it registers no tags; import the `lift-*.js`
 * entries (or the bundle) for that.
 */
export { LiftElement } from './internal/lift-element.js';
export { VERSION } from './internal/version.js';
export { parseTokenList, tokenListConverter } from './internal/token-list.js';
export { LocalizeController, type Language, type MessageKey } from './i18n/localize.js';
export { LiftActionEvent } from './events.js';
export { LiftButtonBar } from './button-bar/button-bar.js';
export { BUTTON_TOKENS, type ButtonToken, type ButtonAction } from './button-bar/actions.js';
export { LiftDataError, LIFT_ERROR_CODES, type LiftErrorCode } from './data/errors.js';
