/**
 * What the bundle's library entry (`lift-elements.library.js`) exports: the element classes, the
 * contract and the embedded IndexedDB adapter; it registers no tag (the bundle's autoloader
 * entry does that). The package root (index.ts) adds the in-memory reference adapter and the
 * demo-data generator, which a host's bundler drops when unused but a bundle always carries.
 */
export { LiftElement } from './internal/lift-element.js';
export { VERSION } from './internal/version.js';
export { parseTokenList, tokenListConverter } from './internal/token-list.js';
export { LocalizeController, registerStrings, type Language, type MessageTables } from './i18n/localize.js';
export {
  LiftActionEvent,
  LiftChecklistAvailabilityEvent,
  LiftTimelineSelectEvent,
  LiftContactSavedEvent,
  LiftDirtyChangeEvent,
  LiftConflictEvent,
  LiftErrorEvent,
  LiftOpenProjectEvent,
  LiftOpenRelationEvent,
  LiftContactOpenEvent,
  LiftWorkCreatedEvent,
  LiftContactCopiedEvent,
  type LiftOperation,
} from './events.js';
export { LiftButtonsChangeEvent, LiftDetailTabsChangeEvent } from './bar-choice-events.js';
export { LiftSyncStateEvent } from './sync-events.js';
export { LiftButtonBar } from './button-bar/button-bar.js';
export { BUTTON_TOKENS, type ButtonToken, type ButtonAction, MAIN_TABS, DETAIL_TABS, type MainTab, type DetailTab } from './vocabulary.js';
export type { MenuOption } from './button-bar/button-bar.js';
export { LiftChecklist } from './checklist/checklist.js';
export { LiftContactTimeline } from './contact-timeline/timeline.js';
export { LiftContactCard } from './contact-card/contact-card.js';
export { clearDrafts, ContactDraft, countDrafts, DRAFT_DAYS, DraftStore, type FieldConflict, type MergeResult } from './contact-card/contact-draft.js';
export { LiftDataProvider } from './data-provider/data-provider.js';
export { adapterContext } from './context/adapter-context.js';
export { AdapterController } from './context/adapter-controller.js';

// The data layer.
export { LiftDataError, LIFT_ERROR_CODES, type LiftErrorCode, type LiftDataErrorOptions } from './data/contract/errors.js';
export * from './data/contract/model.js';
export * from './data/contract/adapter.js';
export type * from './data/contract/sync.js';
export { StoreAdapter, type StoreAdapterOptions } from './data/engine/store-adapter.js';
export { IndexedDbAdapter, type IndexedDbAdapterOptions } from './data/adapters/indexeddb-adapter.js';
export { DEFAULT_ROLES, LOCAL_USER } from './data/engine/roles.js';
export { validateContact, validateContactField, CONTACT_LIMITS, type ValidationCode } from './data/contract/validation.js';
export { fullName, fold } from './data/contract/text.js';
export { fillMergeFields } from './data/contract/merge-fields.js';
