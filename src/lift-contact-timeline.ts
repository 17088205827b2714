import { LiftContactTimeline } from './contact-timeline/timeline.js';

export { LiftContactTimeline };

LiftContactTimeline.define('lift-contact-timeline');

declare global {
  interface HTMLElementTagNameMap {
    'lift-contact-timeline': LiftContactTimeline;
  }
}
