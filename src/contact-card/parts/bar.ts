import { html, type TemplateResult } from 'lit';
import { BUTTON_TOKENS, type ButtonAction, type ButtonToken, type DetailTab } from '../../vocabulary.js';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { Contact, DocumentTemplate, ReportDefinition } from '../../data/contract/model.js';
import type { LiftActionEvent } from '../../events.js';
import type { LiftButtonsChangeEvent, LiftDetailTabsChangeEvent } from '../../bar-choice-events.js';
import type { ContactDraft } from '../contact-draft.js';
import type { UserContext } from '../user-context.js';
import { detailTabsFor, selectionIds } from '../tabs.js';
import { tokenListProperty } from '../../internal/token-list.js';
import type { CardVoice } from '../voice.js';

/** The buttons this user may use with this adapter; the rest are hidden. */
export function allowedActions(adapter: LiftAdapter, templates: readonly DocumentTemplate[], reports: readonly ReportDefinition[]): ButtonToken[] {
  const can = (right: Parameters<LiftAdapter['session']['can']>[0]) => adapter.session.can(right);
  return BUTTON_TOKENS.filter((token) => {
    switch (token) {
      case 'save':
      case 'undo':
        return can('edit');
      case 'archive':
        return can('archive');
      case 'create':
        return Boolean(adapter.work) && can('create-work');
      case 'copy':
        return can('copy');
      case 'document':
        return Boolean(adapter.templates) && can('documents') && templates.length > 0;
      case 'reports':
        return Boolean(adapter.reports) && can('reports') && reports.length > 0;
      case 'configure':
      case 'detail-tabs':
        // Choices are stored through the adapter: without the right they could not be kept.
        return !adapter.preferences || can('preferences');
      default:
        return true;
    }
  });
}

/** A report's name in the reader's language (the built-in ones are translated). */
export function reportName(voice: CardVoice, report: ReportDefinition): string {
  if (report.builtIn && report.id === 'activity') return voice.t('activityChart');
  if (report.builtIn && report.id === 'summary') return voice.t('summaryReport');
  return report.name;
}

export interface BarState {
  adapter: LiftAdapter;
  record: Contact;
  draft: ContactDraft;
  saving: boolean;
  /** The host's `buttons` and `detail-tabs`, and the selection for previous / next. */
  buttons: ButtonToken[] | undefined;
  detailTabs: readonly DetailTab[] | undefined;
  selection: readonly string[] | undefined;
  /** The user's choices, what the card can show, and the templates and reports the role may use; told what this bar offers. */
  user: Pick<UserContext, 'preferences' | 'templates' | 'reportList' | 'checklistAvailable' | 'workAvailable' | 'offered'>;
  onAction(event: LiftActionEvent): void;
  /** The user chose other buttons or detail tabs. */
  onChoice(event: LiftButtonsChangeEvent | LiftDetailTabsChangeEvent): void;
}

/** The card's `<lift-button-bar>`: what this user may do on this contact, now. */
export function renderBar(voice: CardVoice, state: BarState): TemplateResult {
  const { record, draft, saving } = state;
  const ids = selectionIds(state.selection) ?? [];
  const position = ids.indexOf(record.id);
  const disabled: ButtonAction[] = [
    // A copy and a document take the saved details: they wait for the save on its way (asking
    // about the unsaved edits then would offer a Save that cannot start).
    ...(saving ? (['save', 'undo', 'refresh', 'copy', 'document'] as const) : []),
    // Archiving waits for the edits; unarchiving is how edits on an archived contact get saved.
    ...((draft.dirty && !record.archived) || saving ? (['archive'] as const) : []),
    // An archived contact is read-only: nothing new is written onto it (Undo still discards).
    ...(record.archived ? (['save', 'create', 'document'] as const) : []),
    // A write on an archived contact needs the right to see it, as a read does.
    ...(record.archived && !state.adapter.session.can('see-archived') ? (['archive', 'copy'] as const) : []),
  ];
  const { user } = state;
  const { preferences, templates, reportList } = user;
  // Read as the bar reads it: text (a framework's binding) as the attribute's tokens, anything
  // else that is no list as unset; the choices stored below compare tokens with it.
  const buttons = tokenListProperty(state.buttons, BUTTON_TOKENS, '<lift-contact-card> buttons') ?? BUTTON_TOKENS;
  // The tabs the card can show, in the host's order: the user chooses among these.
  const detailTabs = detailTabsFor(state.detailTabs, undefined, user.checklistAvailable, user.workAvailable);
  // A choice made in this bar is among these: the user's choices about the rest stay as stored.
  user.offered = { buttons, detailTabs };
  // The stored choice of buttons may name some only other cards offer: the bar shows those of its own.
  return html`<lift-button-bar
    exportparts="toolbar: bar-toolbar, button: bar-button, menu: bar-menu, menu-item: bar-menu-item"
    .buttons=${buttons}
    .visibleButtons=${preferences.buttons as ButtonToken[] | undefined}
    .allowedActions=${allowedActions(state.adapter, templates, reportList)}
    .documents=${templates.map((template) => ({ id: template.id, label: template.name }))}
    .reports=${reportList.map((report) => ({ id: report.id, label: reportName(voice, report) }))}
    .dirty=${draft.dirty}
    .archived=${record.archived}
    .disabledActions=${disabled}
    .selectionPosition=${position < 0 ? undefined : position + 1}
    .selectionSize=${position < 0 ? undefined : ids.length}
    .detailTabOptions=${detailTabs.map((id) => ({ id, label: voice.t(`detail.${id}`) }))}
    .visibleDetailTabs=${preferences.detailTabs}
    @lift-action=${state.onAction}
    @lift-buttons-change=${state.onChoice}
    @lift-detail-tabs-change=${state.onChoice}
  ></lift-button-bar>`;
}
