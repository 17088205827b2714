// Compiled (never run) by `npm run typecheck`: the generated Vue declarations register the
// elements as typed global components.
/// <reference path="../../dist/vue.d.ts" />
import type { GlobalComponents } from 'vue';

type CardProps = InstanceType<GlobalComponents['lift-contact-card']>['$props'];
export const props: CardProps = { contactId: 'c-1', buttons: ['save', 'undo'] };
// @ts-expect-error: an unknown button token is refused.
export const wrong: CardProps = { buttons: ['opslaan'] };
// vue-tsc looks `@lift-contact-saved` up as `onLiftContactSaved`: the key must exist and be typed.
export const onSaved: NonNullable<CardProps['onLiftContactSaved']> = (event) => event.detail.fields.join();
// @ts-expect-error: the saved event carries no such field.
export const onSavedWrong: NonNullable<CardProps['onLiftContactSaved']> = (event) => event.detail.noSuchField;
