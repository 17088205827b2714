/**
 * lift-elements: the package root. Importing it registers no tags; import the `lift-*.js`
 * entries (or the bundle) for that.
 */
export { LiftElement } from './internal/lift-element.js';
export { VERSION } from './internal/version.js';
export { parseTokenList, tokenListConverter } from './internal/token-list.js';
export { LocalizeController, type Language, type MessageTables } from './i18n/localize.js';
export { LiftActionEvent } from './events.js';
export { LiftButtonBar } from './button-bar/button-bar.js';
export { BUTTON_TOKENS, type ButtonToken, type ButtonAction } from './button-bar/actions.js';

// The data layer.
export { LiftDataError, LIFT_ERROR_CODES, type LiftErrorCode, type LiftDataErrorOptions } from './data/errors.js';
export * from './data/model.js';
export * from './data/adapter.js';
export { StoreAdapter, type StoreAdapterOptions } from './data/store-adapter.js';
export { MemoryAdapter } from './data/memory-adapter.js';
export { IndexedDbAdapter, type IndexedDbAdapterOptions } from './data/indexeddb-adapter.js';
export { DEFAULT_ROLES, LOCAL_USER } from './data/roles.js';
export { seedDemoData, DEMO_USERS, type DemoDataOptions, type DemoDataResult } from './data/demo-data.js';
export { validateContact, validateContactField, CONTACT_LIMITS, type ValidationCode } from './data/validation.js';
export { fullName, fold } from './data/text.js';
export { fillMergeFields } from './data/merge-fields.js';
