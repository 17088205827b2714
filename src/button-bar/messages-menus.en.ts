import type { Strings } from '../i18n/localize.js';
import type { BarMenuMessage } from './messages-menus.js';

/** English, loaded when a menu first shows in it. */
export const en: Strings<BarMenuMessage> = {
  'action.selection': 'Switch between cards',
  'create.lead': 'Lead',
  'create.request': 'Request',
  'create.project': 'Project',
  noDocuments: 'No templates available',
  noReports: 'No reports available',
  noDetailTabs: 'No detail tabs',
  reset: 'Reset to default',
};
