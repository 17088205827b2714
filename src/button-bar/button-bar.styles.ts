import { css } from 'lit';

export const buttonBarStyles = css`
  :host {
    display: block;
    font: var(--lift-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--lift-color-text, #1f2933);
  }
  :host([hidden]) {
    display: none;
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--lift-button-bar-gap, 0.25rem);
    padding: var(--lift-button-bar-padding, 0.25rem);
    background: var(--lift-button-bar-background, var(--lift-color-surface, #f5f7fa));
    border-radius: var(--lift-radius, 0.375rem);
  }
  button {
    font: inherit;
    color: inherit;
    min-height: 2.25rem;
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
    background: var(--lift-button-background, var(--lift-color-background, #fff));
    cursor: pointer;
  }
  button:hover {
    background: var(--lift-button-background-hover, #eef1f5);
  }
  button:focus-visible {
    outline: 2px solid var(--lift-color-focus, #1d5fd1);
    outline-offset: 2px;
  }
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  /* Dirty save is lit by weight and a marker as well as colour, so it reads without colour. */
  :host([dirty]) [data-action='save'] {
    background: var(--lift-color-accent, #1d5fd1);
    border-color: var(--lift-color-accent, #1d5fd1);
    color: var(--lift-color-on-accent, #fff);
    font-weight: 600;
  }
  :host([dirty]) [data-action='save']::before {
    content: '● ';
  }
`;
