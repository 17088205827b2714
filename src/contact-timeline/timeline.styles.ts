import { css } from 'lit';

export const timelineStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    min-height: 0;
    font: var(--lift-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--lift-color-text, #1f2933);
    --row: var(--lift-timeline-row-height, 4rem);
    --row-narrow: var(--lift-timeline-row-height-narrow, 5.25rem);
    --heading: var(--lift-timeline-heading-height, 2rem);
  }
  [part~='filters'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem 0.75rem;
    align-items: end;
  }
  [part~='filters'] label {
    display: inline-flex;
    flex-direction: column;
    gap: 0.125rem;
    font-size: 0.8125rem;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  legend {
    font-size: 0.8125rem;
    margin-bottom: 0.125rem;
  }
  fieldset label.kind {
    flex-direction: row;
    align-items: center;
    gap: 0.25rem;
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: 999px;
    cursor: pointer;
  }
  fieldset label.kind:has(input:checked) {
    background: var(--lift-color-accent-subtle, #e3ecfb);
    border-color: var(--lift-color-accent, #1d5fd1);
  }
  input[type='search'] {
    min-width: 16rem;
  }
  [part~='status'] {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--lift-color-text-muted, #52606d);
  }
  [part~='scroller'] {
    position: relative;
    overflow-y: auto;
    height: var(--lift-timeline-height, 28rem);
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
    contain: strict;
    container: lift-overview / inline-size;
    /* Rows are reused at new positions; the browser's scroll anchoring would chase them. We
       keep the reader's place ourselves. */
    overflow-anchor: none;
  }
  [role='feed'] {
    position: relative;
  }
  [part~='sticky-month'] {
    position: sticky;
    top: 0;
    z-index: 1;
    height: var(--heading);
    margin-bottom: calc(-1 * var(--heading));
    line-height: var(--heading);
    padding: 0 0.75rem;
    font-weight: 600;
    background: var(--lift-color-surface, #f5f7fa);
    border-bottom: 1px solid var(--lift-color-border, #c5ccd6);
  }
  .row {
    position: absolute;
    left: 0;
    right: 0;
    box-sizing: border-box;
    overflow: hidden;
  }
  .below {
    padding: 0.5rem 0.75rem;
  }
  [part~='month'] {
    height: var(--heading);
    line-height: var(--heading);
    padding: 0 0.75rem;
    font-weight: 600;
    background: var(--lift-color-surface, #f5f7fa);
  }
  /* What the windowing measures: the height an entry and a month heading take here. */
  .probe {
    position: absolute;
    visibility: hidden;
    width: 0;
  }
  .probe.entry {
    height: var(--row);
  }
  .probe.heading {
    height: var(--heading);
  }
  /* The title takes the room it needs first; the meta line gets what is left and truncates. */
  [part~='entry'] {
    height: var(--row);
    padding: 0.375rem 0.75rem;
    border-bottom: 1px solid var(--lift-color-border-subtle, #e4e8ee);
    display: grid;
    grid-template-columns: auto minmax(0, max-content) minmax(0, 1fr);
    grid-template-rows: auto auto;
    column-gap: 0.625rem;
    cursor: pointer;
  }
  [part~='entry']:hover {
    background: var(--lift-timeline-hover, #f7f9fc);
  }
  [part~='entry'][aria-current='true'] {
    background: var(--lift-color-accent-subtle, #e3ecfb);
    box-shadow: inset 3px 0 0 var(--lift-color-accent, #1d5fd1);
  }
  [part~='entry']:focus-visible {
    outline-offset: -2px;
  }
  .kind {
    grid-row: span 2;
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    min-width: 4.5rem;
    font-size: 0.75rem;
    color: var(--lift-color-text-muted, #52606d);
  }
  .kind svg {
    color: var(--lift-color-accent, #1d5fd1);
  }
  .subject,
  .body,
  .meta {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .subject {
    font-weight: 600;
  }
  .body {
    grid-column: 2 / 4;
    color: var(--lift-color-text-muted, #52606d);
  }
  .meta {
    font-size: 0.75rem;
    color: var(--lift-color-text-muted, #52606d);
    text-align: end;
  }
  /* Narrow: title, meta and text each on a line of their own, in a taller row. */
  @container lift-overview (max-width: 30rem) {
    .probe.entry,
    [part~='entry'] {
      height: var(--row-narrow);
    }
    [part~='entry'] {
      grid-template-columns: auto minmax(0, 1fr);
      grid-template-rows: auto auto auto;
      padding-inline: 0.5rem;
    }
    .kind {
      grid-row: span 3;
      min-width: 3.5rem;
    }
    .meta {
      text-align: start;
    }
    .body {
      grid-column: 2;
    }
  }
  mark {
    background: var(--lift-color-highlight, #fff0a8);
    color: inherit;
  }
  [part~='note-form'],
  [part~='pending'] {
    display: grid;
    gap: 0.375rem;
    padding: 0.5rem;
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
  }
  [part~='pending'][data-state='failed'] {
    border-color: var(--lift-color-danger, #b42318);
  }
  /* A word may break anywhere, so a pasted link does not make the note wider than a phone. */
  [part~='pending'] > * {
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    align-items: center;
  }
  .pre {
    white-space: pre-wrap;
  }
  [part~='empty'] {
    margin: 0;
    padding: 1rem;
    text-align: center;
  }
`;
