import { LiftContactCard } from './contact-card/contact-card.js';
// The bar is part of every card; the timeline and checklist load when a tab first needs them.
import './lift-button-bar.js';

export { LiftContactCard };

LiftContactCard.define('lift-contact-card');

declare global {
  interface HTMLElementTagNameMap {
    'lift-contact-card': LiftContactCard;
  }
}
