import { css } from 'lit';

export const checklistStyles = css`
  :host {
    display: block;
    font: var(--lift-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--lift-color-text, #1f2933);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-bottom: 0.5rem;
  }
  h2 {
    font-size: 1rem;
    margin: 0;
  }
  [part~='progress'] {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  progress {
    accent-color: var(--lift-color-accent, #1d5fd1);
  }
  fieldset {
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
    margin: 0 0 0.75rem;
    padding: 0.25rem 0.75rem 0.5rem;
  }
  /* A word may break anywhere, so a long one does not make the list wider than a phone. */
  [part~='notice'],
  legend,
  label.tick,
  [part~='error'],
  dialog p {
    overflow-wrap: anywhere;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='item'] {
    padding: 0.375rem 0;
    border-bottom: 1px solid var(--lift-color-border-subtle, #e4e8ee);
  }
  [part~='item']:last-child {
    border-bottom: none;
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  label.tick {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    flex: 1 1 14rem;
  }
  input[type='checkbox'] {
    width: 1.125rem;
    height: 1.125rem;
    accent-color: var(--lift-color-accent, #1d5fd1);
  }
  [part~='meta'],
  .counter {
    color: var(--lift-color-text-muted, #52606d);
    font-size: 0.8125rem;
  }
  [part~='note'] {
    margin-block: 0.25rem 0;
    margin-inline: 1.625rem 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
    min-height: 4rem;
    resize: vertical;
  }
  .note-editor {
    margin-block: 0.375rem 0;
    margin-inline: 1.625rem 0;
    display: grid;
    gap: 0.25rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    align-items: center;
  }
  .nowrap {
    flex-wrap: nowrap;
  }
  header label {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }
  [part~='notice'] {
    margin: 0 0 0.5rem;
    padding: 0.375rem 0.625rem;
    border-inline-start: 4px solid var(--lift-color-border, #c5ccd6);
    background: var(--lift-color-surface, #f5f7fa);
  }
  [part~='error'] {
    margin-top: 0.25rem;
  }
  [aria-invalid='true'] {
    border-color: var(--lift-color-danger, #b42318);
  }
  [part~='manage'] {
    margin-top: 1rem;
    border-top: 2px solid var(--lift-color-border, #c5ccd6);
    padding-top: 0.5rem;
  }
  /* The lookup list is wider than a phone: it scrolls sideways in a region of its own (reached by
     keyboard), so a control focused there is scrolled into sight instead of past the element's edge. */
  .table-scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  [part~='manage'] table {
    border-collapse: collapse;
    width: 100%;
  }
  [part~='manage'] th,
  [part~='manage'] td {
    text-align: start;
    padding: 0.25rem;
    vertical-align: top;
  }
  dialog {
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
    max-width: 28rem;
  }
`;
