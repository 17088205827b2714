import { LiftChecklist } from './checklist/checklist.js';

export { LiftChecklist };

LiftChecklist.define('lift-checklist');

declare global {
  interface HTMLElementTagNameMap {
    'lift-checklist': LiftChecklist;
  }
}
