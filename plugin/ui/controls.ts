/**
 * Reading and setting UXP's Spectrum widgets (sp-textfield, sp-textarea, sp-checkbox, sp-dropdown,
 * sp-progressbar, sp-button) through the properties and attributes they share with the browser shims
 * (`shim.ts`), so the same panel code runs in Premiere and in Chromium.
 */
import type { Role } from '../../core/sequence';
import { ROLES } from '../../core/sequence';
import type { FormValues } from './form';

type Widget = HTMLElement & { value?: unknown; checked?: unknown; selectedIndex?: unknown };

/** The element with `id`; throws when the page lacks it (a build mistake). */
export function byId<T extends HTMLElement = HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`panel: #${id} is missing from index.html`);
  return el as T;
}

/** A text widget's value. */
export function textOf(el: HTMLElement): string {
  const v = (el as Widget).value;
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** Sets a text widget's value. */
export function setText(el: HTMLElement, value: string): void {
  (el as Widget).value = value;
}

/** Whether a checkbox widget is ticked. */
export function isChecked(el: HTMLElement): boolean {
  const c = (el as Widget).checked;
  return typeof c === 'boolean' ? c : el.hasAttribute('checked');
}

/** The `value` attribute of a picker's chosen menu item ("" when none is chosen). */
export function pickerValue(el: HTMLElement): string {
  const items = Array.from(el.querySelectorAll('sp-menu-item'));
  const index = (el as Widget).selectedIndex;
  const chosen =
    typeof index === 'number' && index >= 0 ? items[index] : items.find((i) => i.hasAttribute('selected'));
  return chosen?.getAttribute('value') ?? '';
}

/** Enables or disables a button-like widget (attribute and ARIA, so both hosts and tests see it). */
export function setEnabled(el: HTMLElement, enabled: boolean): void {
  if (enabled) el.removeAttribute('disabled');
  else el.setAttribute('disabled', '');
  el.setAttribute('aria-disabled', String(!enabled));
}

/**
 * Marks a field wrong (Spectrum's `invalid` attribute) and shows `message` in its `#error-<id>` line, or
 * clears both when `message` is null.
 */
export function setFieldError(doc: Document, id: string, message: string | null): void {
  const field = doc.getElementById(id);
  if (field) {
    if (message) field.setAttribute('invalid', '');
    else field.removeAttribute('invalid');
  }
  const line = doc.getElementById(`error-${id}`);
  if (line) {
    line.textContent = message ?? '';
    line.style.display = message ? 'block' : 'none';
  }
}

/** Shows or hides an element (UXP has no `hidden` styling of its own). */
export function show(el: HTMLElement, visible: boolean): void {
  el.style.display = visible ? '' : 'none';
}

/** Sets a progress bar's value (0..100) and label. */
export function setProgress(bar: HTMLElement, percent: number, label: string): void {
  const v = Math.round(Math.max(0, Math.min(100, percent)));
  bar.setAttribute('value', String(v));
  (bar as Widget).value = v;
  const slot = bar.querySelector('sp-label');
  if (slot) slot.textContent = label;
  bar.setAttribute('aria-valuenow', String(v));
}

/** Fills a picker's menu with `choices` after its first ("as the prompt says") entry. */
export function fillPicker(el: HTMLElement, choices: readonly { value: string; label: string }[]): void {
  const menu = el.querySelector('sp-menu') ?? el;
  for (const c of choices) {
    const item = el.ownerDocument.createElement('sp-menu-item');
    item.setAttribute('value', c.value);
    item.textContent = c.label;
    menu.appendChild(item);
  }
}

/** Reads the whole form. */
export function readForm(doc: Document): FormValues {
  const checked = (id: string) => isChecked(byId(doc, id));
  const roles: Role[] = ROLES.filter((r) => checked(`role-${r}`));
  return {
    script: textOf(byId(doc, 'script')),
    clipNames: checked('use-clips'),
    markers: checked('use-markers'),
    transcript: checked('use-transcript'),
    hitCuts: checked('hit-cuts'),
    placeStems: checked('place-stems'),
    seconds: textOf(byId(doc, 'seconds')),
    tempo: textOf(byId(doc, 'tempo')),
    key: pickerValue(byId(doc, 'key')),
    style: pickerValue(byId(doc, 'style')),
    chooseRoles: checked('choose-roles'),
    roles,
    seed: textOf(byId(doc, 'seed')),
    loop: checked('loop'),
  };
}
