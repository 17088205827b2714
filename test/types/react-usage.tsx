// Compiled (never run) by `npm run typecheck`: the generated React declarations accept what the
// README shows and refuse what is wrong.
/// <reference path="../../dist/react.d.ts" />
import type { LiftAdapter, LiftContactSavedEvent } from '../../dist/index.js';

export function Card({ id, adapter }: { id: string; adapter: LiftAdapter }) {
  return (
    <lift-contact-card
      contact-id={id}
      adapter={adapter}
      detailTabs={['personal', 'item']}
      onlift-contact-saved={(event: LiftContactSavedEvent) => event.detail.fields.join()}
    />
  );
}

export function Wrong() {
  // @ts-expect-error: `tab` takes one of the main tabs only.
  return <lift-contact-card tab="kaart" />;
}
