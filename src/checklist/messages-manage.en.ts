import type { Strings } from '../i18n/localize.js';
import type { ManageMessage } from './messages-manage.js';

/** English, loaded when the management first shows in it. */
export const en: Strings<ManageMessage> = {
  newItem: 'New item',
  itemsTable: 'Checklist items',
  add: 'Add',
  text: 'Text',
  category: 'Category',
  mode: 'Default mode',
  modeForStatus: 'Mode in status “{status}”',
  sameAsDefault: 'As default',
  'mode.hidden': 'Hidden',
  'mode.read-only': 'Read-only',
  'mode.editable': 'Editable',
  moveUp: 'Move “{item}” up',
  moveDown: 'Move “{item}” down',
  moved: '“{item}” is now in place {place} of {count}.',
  remove: 'Delete “{item}”',
  rowActions: 'Order and delete',
  confirmRemove: 'Delete the item “{item}”? What was ticked stays in the history.',
  notSavedFor: 'For “{item}”: {reason}',
  textRequired: 'Enter a text.',
};
