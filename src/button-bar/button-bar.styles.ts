import { css } from 'lit';

export const buttonBarStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
    font: var(--lift-font, 0.875rem/1.4 system-ui, sans-serif);
    color: var(--lift-color-text, #1f2933);
  }
  [part~='toolbar'],
  .measure {
    display: flex;
    flex-wrap: nowrap;
    align-items: center;
    gap: var(--lift-button-bar-gap, 0.25rem);
  }
  [part~='toolbar'] {
    padding: var(--lift-button-bar-padding, 0.25rem);
    background: var(--lift-button-bar-background, var(--lift-color-surface, #f5f7fa));
    border-radius: var(--lift-radius, 0.375rem);
    overflow: hidden;
  }
  /* An invisible row of labelled buttons, measured to decide between labels, icons and overflow.
     A row that does not wrap is as wide as all its buttons, past the bar's edge too: a font or
     gap that widens them resizes it, which the bar watches. */
  .measure {
    position: absolute;
    inset: 0 auto auto 0;
    height: 0;
    overflow: hidden;
    visibility: hidden;
    pointer-events: none;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    flex: none;
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0.25rem 0.625rem;
    white-space: nowrap;
  }
  /* The measured icon button too: the layout counts on every icon button being as wide as it. */
  .icon-only {
    padding: 0.25rem;
    justify-content: center;
  }
  .icon-only .label {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  /* A keyboard user sees an icon's name where a mouse user has the title on hover. A flex
     container places an absolute child in its middle; moved from there to below the button, the
     name is not clipped by the toolbar's overflow, as its containing block is the host. The
     transparent outline draws its edge in forced colours. */
  .icon-only:focus-visible .label {
    translate: 0 calc(50% + 1.375rem);
    z-index: 1;
    width: auto;
    height: auto;
    clip-path: none;
    padding: 0.125rem 0.375rem;
    background: var(--lift-color-text, #1f2933);
    color: var(--lift-color-surface, #f5f7fa);
    border-radius: var(--lift-radius, 0.375rem);
    outline: 1px solid transparent;
  }
  /* A dirty card lights Save by weight and a marker as well as colour. */
  :host([dirty]) [data-action='save'] {
    background: var(--lift-color-accent, #1d5fd1);
    border-color: var(--lift-color-accent, #1d5fd1);
    color: var(--lift-color-on-accent, #fff);
    font-weight: 700;
  }
  :host([dirty]) [data-action='save']::after {
    content: '';
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: currentColor;
  }
  /* Right to left the row runs the other way: the arrows of Previous, Next and Undo point with it. */
  :host(:dir(rtl)) :is([data-action='previous'], [data-action='next'], [data-action='undo']) svg {
    transform: scaleX(-1);
  }
  [part~='selection-position'] {
    flex: none;
    padding: 0 0.25rem;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
`;
