import { css } from 'lit';

/**
 * What every lift element's buttons share: the look, the disabled state, the focus ring. The
 * button bar takes only this; elements with fields take {@link sharedStyles}.
 */
export const buttonStyles = css`
  :host([hidden]) {
    display: none;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 2rem;
    padding: 0.125rem 0.625rem;
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
    background: var(--lift-button-background, var(--lift-color-background, #fff));
    cursor: pointer;
  }
  button:hover {
    background: var(--lift-button-background-hover, #eef1f5);
  }
  button[disabled],
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  :focus-visible {
    outline: 2px solid var(--lift-color-focus, #1d5fd1);
    outline-offset: 2px;
  }
`;

/**
 * What every lift element's controls share: buttons, fields, the focus ring, hidden-but-read
 * text. Elements list it before their own styles and override from there.
 */
export const sharedStyles = [
  buttonStyles,
  css`
    input:not([type='checkbox']),
    select,
    textarea {
      border: 1px solid var(--lift-color-border, #c5ccd6);
      border-radius: var(--lift-radius, 0.375rem);
      padding: 0.25rem 0.375rem;
      background: var(--lift-color-background, #fff);
    }
    [part~='error'] {
      margin: 0;
      color: var(--lift-color-danger, #b42318);
      font-weight: 600;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
