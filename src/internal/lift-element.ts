import { LitElement } from 'lit';
import { stringsPending } from '../i18n/localize.js';
import { VERSION } from './version.js';

/** Marker we put on every class we register, so a second copy of the library can recognise it. */
const versionKey = Symbol.for('lift-elements.version');

type VersionedConstructor = CustomElementConstructor & { [versionKey]?: string };

/**
 * Base class of every lift element. Side-effect free: registering a tag is the job of the
 * `src/lift-*.ts` files, which call {@link LiftElement.define}.
 */
export class LiftElement extends LitElement {
  static readonly version = VERSION;

  /**
   * The first render waits for the strings of the element's language when they still have to
   * load (never keys, never a flash of another language); `updateComplete` includes the wait.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const pending = stringsPending(this);
    if (!pending) return super.scheduleUpdate();
    // A language that fails to load is reported by its controller; the element renders anyway.
    return pending.catch(() => undefined).then(() => super.scheduleUpdate());
  }

  /**
   * Registers `this` as `tag`. Host apps often end up with two copies of a library on one
   * page, so a repeated define never throws: the same version is a silent no-op, another
   * version (or a foreign class) keeps the first definition and warns once.
   * @returns whether this call registered the tag.
   */
  static define(tag: string, registry: CustomElementRegistry = customElements): boolean {
    const existing = registry.get(tag) as VersionedConstructor | undefined;
    if (!existing) {
      (this as unknown as VersionedConstructor)[versionKey] = VERSION;
      registry.define(tag, this);
      return true;
    }
    if (existing === (this as unknown) || existing[versionKey] === VERSION) return false;
    const other = existing[versionKey] ?? 'an unknown version';
    console.warn(
      `lift-elements ${VERSION}: <${tag}> is already defined by ${other === VERSION ? 'another class' : other}; keeping that definition.`,
    );
    return false;
  }
}
