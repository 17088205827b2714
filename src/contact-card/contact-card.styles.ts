import { css } from 'lit';

export const contactCardStyles = css`
  /* The card lays itself out by its own width (container queries), so that width cannot come
     from its content: it takes the width of the box it is placed in, also where the host's
     flex column or grid would otherwise shrink it to fit its content. A host narrows it with
     width or max-width on the element itself. */
  :host {
    display: block;
    box-sizing: border-box;
    width: 100%;
    container-type: inline-size;
    color: var(--lift-color-text, #1f2933);
    font: var(--lift-font, 0.875rem/1.4 system-ui, sans-serif);
  }
  /* "At a glance" arrives after the first paint: its place (under the header, or beside it in a
     wide card) is kept from the start, so it pushes down nothing the user may already be using. */
  .glance-space {
    min-height: 12.75em;
  }
  /* One column as wide as the card, however wide its widest child (the projects table): that
     child scrolls in itself rather than widen the header, bar and form past the host's edge. */
  [part~='card'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--lift-card-gap, 0.75rem);
    padding: var(--lift-card-padding, 1rem);
    background: var(--lift-card-background, var(--lift-color-background, #fff));
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
  }
  @container (min-width: 44rem) {
    [part~='card'] {
      grid-template-columns: minmax(0, 1fr) minmax(14rem, 20rem);
    }
    [part~='card'] > * {
      grid-column: 1 / -1;
    }
    [part~='card'] > header {
      grid-column: 1;
    }
    [part~='card'] > [part~='glance'],
    [part~='card'] > .glance-space {
      grid-area: 1 / 2;
    }
  }
  header h2 {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    font-size: 1.375rem;
  }
  header p {
    margin: 0.25rem 0 0;
  }
  /* A long name, job title or address wraps anywhere rather than widen a narrow card. */
  header h2,
  header p,
  button.name,
  .link-item {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  button.name,
  button.link {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    font: inherit;
    text-align: start;
  }
  button.link {
    color: var(--lift-color-accent, #1d5fd1);
    text-decoration: underline;
  }
  button.name:hover,
  button.link:hover {
    background: none;
    text-decoration: underline;
  }
  a {
    color: var(--lift-color-accent, #1d5fd1);
  }
  .label,
  .hint,
  .empty {
    color: var(--lift-color-text-muted, #52606d);
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  [part~='badge'] {
    padding: 0 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--lift-color-border, #c5ccd6);
    background: var(--lift-color-surface, #f5f7fa);
  }
  .notice.warning {
    border-color: var(--lift-color-warning, #b54708);
    background: var(--lift-color-warning-background, #fff4e5);
  }
  .notice[part~='error'] {
    border-color: var(--lift-color-danger, #b42318);
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 1px solid var(--lift-color-border, #c5ccd6);
  }
  [role='tab'] {
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--lift-color-accent, #1d5fd1);
    font-weight: 600;
  }
  .panel {
    min-height: 4rem;
    padding-top: 0.5rem;
  }
  [part~='detail'] {
    border-top: 2px solid var(--lift-color-border, #c5ccd6);
    padding-top: 0.5rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  /* The projects table, wider than a phone in Dutch: scrolled sideways in itself, also by keyboard. */
  .projects-scroll {
    overflow-x: auto;
  }
  /* The title may break anywhere (a pasted link), so the table is no wider than a phone; the
     other columns keep their words whole, as breaking anywhere lets a column shrink into them. */
  td:nth-child(2) {
    overflow-wrap: anywhere;
  }
  /* A number is read as one: not split at its hyphens. */
  td:first-child {
    white-space: nowrap;
  }
  th,
  td {
    padding: 0.375rem 0.5rem;
    border-bottom: 1px solid var(--lift-color-border, #c5ccd6);
    text-align: start;
    vertical-align: top;
  }
  tr.current {
    background: var(--lift-color-surface, #f5f7fa);
  }
  .toggle {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.5rem 1rem;
    margin: 0;
  }
  dt {
    color: var(--lift-color-text-muted, #52606d);
    font-size: 0.875rem;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1.0625rem;
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .checklist {
    display: grid;
    gap: 0.375rem;
    padding: 0;
    list-style: none;
  }
  .checklist li {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
  }
  form.personal {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: 0.75rem 1rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
  }
  /* A field taking focus scrolls clear of the row with Save that sticks below it (two lines when narrow). */
  .field > :not(label) {
    scroll-margin-bottom: 5.5rem;
  }
  .field.notes {
    grid-column: 1 / -1;
  }
  /* Save stays within reach at the bottom of the screen while the form is in view. */
  .form-actions {
    grid-column: 1 / -1;
    position: sticky;
    bottom: 0;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.5rem;
    padding: 0.5rem 0;
    border-top: 1px solid var(--lift-color-border, #c5ccd6);
    background: var(--lift-card-background, var(--lift-color-background, #fff));
  }
  .save-state {
    flex: 1 1 10rem;
    margin: 0;
    color: var(--lift-color-text-muted, #52606d);
  }
  .save-state.saved {
    color: var(--lift-color-text, #1f2933);
    font-weight: 600;
  }
  .save-state.saved::before {
    content: '✓ ';
  }
  .field.dirty input,
  .field.dirty textarea {
    border-color: var(--lift-color-accent, #1d5fd1);
    border-width: 2px;
  }
  label .hint,
  .changed {
    margin-inline-start: 0.25em;
  }
  .changed {
    font-size: 0.8125rem;
    font-style: italic;
  }
  [aria-invalid='true'] {
    border-color: var(--lift-color-danger, #b42318) !important;
  }
  textarea {
    min-height: 5rem;
    resize: vertical;
  }
  input[readonly],
  textarea[readonly] {
    background: var(--lift-color-surface, #f5f7fa);
  }
  /* The width with the padding and border: 92vw of a 320 px screen is all of the dialog. */
  dialog {
    box-sizing: border-box;
    max-width: min(40rem, 92vw);
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
    background: var(--lift-color-background, #fff);
    color: inherit;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  dialog h2 {
    margin-top: 0;
    font-size: 1.125rem;
  }
  fieldset {
    margin: 0 0 0.75rem;
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
  }
  .choice {
    display: flex;
    gap: 0.375rem;
    align-items: baseline;
  }
  .value,
  .original {
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    justify-content: flex-end;
  }
  button.primary {
    background: var(--lift-color-accent, #1d5fd1);
    border-color: var(--lift-color-accent, #1d5fd1);
    color: var(--lift-color-on-accent, #fff);
  }
  .panel-body {
    display: grid;
    /* A wide child (a table, a long name) scrolls in itself instead of widening the dialog. */
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
  }
  .panel-body > label {
    font-weight: 600;
  }
  .panel-body .hint {
    margin: 0;
    font-size: 0.875rem;
  }
  @media print {
    /* While the summary report is open: the report alone, on paper colours. Otherwise the card
       prints as it shows. */
    [part~='card']:has(.printable) > :not(.action-dialog) {
      display: none !important;
    }
    [part~='card']:has(.printable) {
      border: 0;
      padding: 0;
    }
    dialog.action[open] {
      position: static;
      width: auto;
      max-width: none;
      border: 0;
    }
    dialog.action .actions {
      display: none;
    }
    dialog::backdrop {
      background: none;
    }
  }
  [part~='skeleton'] {
    display: grid;
    gap: 0.75rem;
  }
  .bone {
    display: block;
    height: 1rem;
    border-radius: var(--lift-radius, 0.375rem);
    background: var(--lift-color-border-subtle, #e4e8ee);
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  .bone.name {
    width: 16rem;
    height: 1.75rem;
  }
  .bone.line {
    width: 24rem;
    max-width: 100%;
  }
  .bone.short {
    width: 12rem;
  }
  .bone.bar {
    height: 2.5rem;
  }
  .bone.block {
    height: 12rem;
  }
  @keyframes pulse {
    to {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }
  @container (max-width: 32rem) {
    [part~='card'] {
      padding: 0.5rem;
    }
    th:nth-child(5),
    td:nth-child(5) {
      display: none;
    }
  }
`;
