// Compiled (never run) by `npm run typecheck`: the generated Vue declarations register the
// elements as typed global components.
/// <reference path="../../dist/vue.d.ts" />
import type { GlobalComponents } from 'vue';

type CardProps = InstanceType<GlobalComponents['lift-contact-card']>['$props'];
export const props: CardProps = { contactId: 'c-1', buttons: ['save', 'undo'] };
// @ts-expect-error: an unknown button token is refused.
export const wrong: CardProps = { buttons: ['opslaan'] };
