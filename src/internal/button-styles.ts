import { css } from 'lit';

/**
 * What every lift element's buttons share: the look, the disabled state, the focus ring. The
 * button bar takes only this, from this module of its own: a bundler keeps every `css` call of a
 * module it takes anything from (it cannot tell the calls have no side effects), so the fields'
 * styles kept beside these travelled with every bar. Elements with fields take `sharedStyles`.
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
