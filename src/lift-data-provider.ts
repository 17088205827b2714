import { LiftDataProvider } from './data-provider/data-provider.js';

export { LiftDataProvider };

LiftDataProvider.define('lift-data-provider');

declare global {
  interface HTMLElementTagNameMap {
    'lift-data-provider': LiftDataProvider;
  }
}
