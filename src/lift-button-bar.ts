import { LiftButtonBar } from './button-bar/button-bar.js';

export { LiftButtonBar };

LiftButtonBar.define('lift-button-bar');

declare global {
  interface HTMLElementTagNameMap {
    'lift-button-bar': LiftButtonBar;
  }
}
