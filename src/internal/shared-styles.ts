import { css } from 'lit';
import { buttonStyles } from './button-styles.js';

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
