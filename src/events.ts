/* Event names are static getters, not static fields: a static field compiles to a static block,
   which bundlers keep as a side effect, so every element would carry every event class. */
import type { Contact, ContactField, Relation, TimelineEntry, WorkItem } from './data/contract/model.js';
import { liftEventInit } from './bar-events.js';

export { LiftActionEvent, type LiftActionDetail, type WorkKindChoice } from './bar-events.js';

/** Events that report what happened, with nothing left to cancel. */
const liftNoticeInit = { bubbles: true, composed: true } as const;

/** Whether any checklist item applies to the card (its Checklist tab shows only then). */
export class LiftChecklistAvailabilityEvent extends Event {
  static get eventName() {
    return 'lift-checklist-availability' as const;
  }
  readonly detail: { available: boolean };
  constructor(available: boolean) {
    super(LiftChecklistAvailabilityEvent.eventName, liftNoticeInit);
    this.detail = { available };
  }
}

/** An entry of the contact overview was chosen (click or Enter). Cancelable. */
export class LiftTimelineSelectEvent extends Event {
  static get eventName() {
    return 'lift-timeline-select' as const;
  }
  readonly detail: { entry: TimelineEntry };
  constructor(entry: TimelineEntry) {
    super(LiftTimelineSelectEvent.eventName, liftEventInit);
    this.detail = { entry };
  }
}

/** The card saved its contact; `detail.contact` is the record as stored, `detail.fields` what changed. */
export class LiftContactSavedEvent extends Event {
  static get eventName() {
    return 'lift-contact-saved' as const;
  }
  readonly detail: { contact: Contact; fields: ContactField[] };
  constructor(contact: Contact, fields: ContactField[]) {
    super(LiftContactSavedEvent.eventName, liftNoticeInit);
    this.detail = { contact, fields: [...fields] };
  }
}

/** The card went from clean to having unsaved edits, or back. */
export class LiftDirtyChangeEvent extends Event {
  static get eventName() {
    return 'lift-dirty-change' as const;
  }
  readonly detail: { dirty: boolean; fields: ContactField[] };
  constructor(dirty: boolean, fields: ContactField[]) {
    super(LiftDirtyChangeEvent.eventName, liftNoticeInit);
    this.detail = { dirty, fields: [...fields] };
  }
}

/**
 * A save met a newer version of the contact. `detail.fields` are the fields both sides changed
 * (the user is asked to choose); `detail.merged` the fields only one side changed, combined
 * without asking.
 */
export class LiftConflictEvent extends Event {
  static get eventName() {
    return 'lift-conflict' as const;
  }
  readonly detail: { contactId: string; fields: ContactField[]; merged: ContactField[]; theirs: Contact };
  constructor(contactId: string, fields: ContactField[], merged: ContactField[], theirs: Contact) {
    super(LiftConflictEvent.eventName, liftNoticeInit);
    this.detail = { contactId, fields: [...fields], merged: [...merged], theirs };
  }
}

export type LiftOperation = 'load' | 'save' | 'archive' | 'unarchive' | 'preferences' | 'projects' | 'search' | 'create' | 'copy' | 'document' | 'report';

/** Something the user asked for failed; the card shows it in words too. `detail.error` is the cause. */
export class LiftErrorEvent extends Event {
  static get eventName() {
    return 'lift-error' as const;
  }
  readonly detail: { operation: LiftOperation; error: unknown; code: string };
  constructor(operation: LiftOperation, error: unknown) {
    super(LiftErrorEvent.eventName, liftNoticeInit);
    const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : 'unknown';
    this.detail = { operation, error, code };
  }
}

/** A project, request or lead was opened (Enter or double-click). Cancelable: the card then does not show its detail. */
export class LiftOpenProjectEvent extends Event {
  static get eventName() {
    return 'lift-open-project' as const;
  }
  readonly detail: { workItem: WorkItem };
  constructor(workItem: WorkItem) {
    super(LiftOpenProjectEvent.eventName, liftEventInit);
    this.detail = { workItem };
  }
}

/**
 * The relation's name in the card's header was activated (click or Enter). Cancelable: cancelled,
 * the card does not open its function and relation detail, and the host shows the relation.
 */
export class LiftOpenRelationEvent extends Event {
  static get eventName() {
    return 'lift-open-relation' as const;
  }
  readonly detail: { relation: Relation };
  constructor(relation: Relation) {
    super(LiftOpenRelationEvent.eventName, liftEventInit);
    // A copy: a listener that changes it does not change what the card shows.
    this.detail = { relation: { ...relation } };
  }
}

/**
 * The user chose another contact to open (from the card's search, after a copy, among the
 * other contacts at the same relation, or to settle a change kept on the device). Cancelable:
 * cancelled, the card stays on its contact and the host navigates instead.
 */
export class LiftContactOpenEvent extends Event {
  static get eventName() {
    return 'lift-contact-open' as const;
  }
  readonly detail: { contactId: string; from: 'search' | 'copy' | 'relation' | 'sync' };
  constructor(contactId: string, from: 'search' | 'copy' | 'relation' | 'sync') {
    super(LiftContactOpenEvent.eventName, liftEventInit);
    this.detail = { contactId, from };
  }
}

/** A lead, request or project was created from the card. Cancelable: cancelled, the card does not show it. */
export class LiftWorkCreatedEvent extends Event {
  static get eventName() {
    return 'lift-work-created' as const;
  }
  readonly detail: { workItem: WorkItem };
  constructor(workItem: WorkItem) {
    super(LiftWorkCreatedEvent.eventName, liftEventInit);
    this.detail = { workItem };
  }
}

/** The contact was copied to another relation; `detail.originalId` and `detail.copyId`. */
export class LiftContactCopiedEvent extends Event {
  static get eventName() {
    return 'lift-contact-copied' as const;
  }
  readonly detail: { originalId: string; copyId: string; copy: Contact; archivedOriginal: boolean };
  constructor(original: Contact, copy: Contact, archivedOriginal: boolean) {
    super(LiftContactCopiedEvent.eventName, liftNoticeInit);
    this.detail = { originalId: original.id, copyId: copy.id, copy, archivedOriginal };
  }
}

declare global {
  interface HTMLElementEventMap {
    'lift-timeline-select': LiftTimelineSelectEvent;
    'lift-checklist-availability': LiftChecklistAvailabilityEvent;
    'lift-contact-saved': LiftContactSavedEvent;
    'lift-dirty-change': LiftDirtyChangeEvent;
    'lift-conflict': LiftConflictEvent;
    'lift-error': LiftErrorEvent;
    'lift-open-project': LiftOpenProjectEvent;
    'lift-open-relation': LiftOpenRelationEvent;
    'lift-contact-open': LiftContactOpenEvent;
    'lift-work-created': LiftWorkCreatedEvent;
    'lift-contact-copied': LiftContactCopiedEvent;
  }
}
