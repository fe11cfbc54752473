/**
 * Stand-ins for UXP's built-in Spectrum widgets in an ordinary browser (the Chromium test and a preview
 * outside Premiere), with the properties and events the panel uses: `value`, `checked`, `selectedIndex`,
 * `change`/`input`. Never installed inside UXP, where the real widgets exist.
 */

function defineOnce(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}

class TextWidget extends HTMLElement {
  protected field: HTMLInputElement | HTMLTextAreaElement | null = null;
  private pending = '';
  protected make(): HTMLInputElement | HTMLTextAreaElement {
    const input = this.ownerDocument.createElement('input');
    input.type = this.getAttribute('type') === 'number' ? 'number' : 'text';
    return input;
  }
  connectedCallback(): void {
    if (this.field) return;
    const field = this.make();
    field.placeholder = this.getAttribute('placeholder') ?? '';
    field.value = this.pending || (this.getAttribute('value') ?? '');
    this.appendChild(field);
    this.field = field;
  }
  get value(): string {
    return this.field ? this.field.value : this.pending;
  }
  set value(v: string) {
    if (this.field) this.field.value = v;
    else this.pending = v;
  }
}

class TextArea extends TextWidget {
  protected override make(): HTMLTextAreaElement {
    const area = this.ownerDocument.createElement('textarea');
    area.rows = 4;
    return area;
  }
}

class Checkbox extends HTMLElement {
  private box: HTMLInputElement | null = null;
  connectedCallback(): void {
    if (this.box) return;
    const label = this.ownerDocument.createElement('label');
    const box = this.ownerDocument.createElement('input');
    box.type = 'checkbox';
    box.checked = this.hasAttribute('checked');
    label.append(box, ...this.childNodes);
    this.appendChild(label);
    this.box = box;
  }
  get checked(): boolean {
    return this.box ? this.box.checked : this.hasAttribute('checked');
  }
  set checked(v: boolean) {
    if (this.box) this.box.checked = v;
    this.toggleAttribute('checked', v);
  }
}

class Picker extends HTMLElement {
  private select: HTMLSelectElement | null = null;
  connectedCallback(): void {
    // Items may be added after connection: build the select on the next turn, and on demand.
    setTimeout(() => this.build(), 0);
  }
  build(): HTMLSelectElement {
    if (this.select) return this.select;
    const select = this.ownerDocument.createElement('select');
    for (const item of this.querySelectorAll('sp-menu-item')) {
      const option = this.ownerDocument.createElement('option');
      option.value = item.getAttribute('value') ?? '';
      option.textContent = item.textContent;
      option.selected = item.hasAttribute('selected');
      select.appendChild(option);
    }
    const menu = this.querySelector('sp-menu');
    if (menu instanceof HTMLElement) menu.style.display = 'none';
    this.appendChild(select);
    this.select = select;
    return select;
  }
  get selectedIndex(): number {
    return this.build().selectedIndex;
  }
  set selectedIndex(i: number) {
    this.build().selectedIndex = i;
  }
}

class ProgressBar extends HTMLElement {
  static observedAttributes = ['value'];
  private fill: HTMLElement | null = null;
  connectedCallback(): void {
    if (this.fill) return;
    const track = this.ownerDocument.createElement('div');
    track.className = 'shim-track';
    const fill = this.ownerDocument.createElement('div');
    fill.className = 'shim-fill';
    track.appendChild(fill);
    this.appendChild(track);
    this.fill = fill;
    this.attributeChangedCallback();
  }
  attributeChangedCallback(): void {
    const max = Number(this.getAttribute('max') ?? 100) || 100;
    const v = Number(this.getAttribute('value') ?? 0) || 0;
    if (this.fill) this.fill.style.width = `${Math.max(0, Math.min(100, (100 * v) / max))}%`;
  }
}

/**
 * Installs the stand-ins (once) and marks the page `<html class="standin">`, the class every stand-in style
 * in index.html is scoped to, so that none of it can touch UXP's real widgets. Call only outside UXP.
 */
export function installShims(): void {
  document.documentElement.classList.add('standin');
  if (typeof customElements === 'undefined') return;
  defineOnce('sp-textfield', class extends TextWidget {});
  defineOnce('sp-textarea', class extends TextArea {});
  defineOnce('sp-checkbox', class extends Checkbox {});
  defineOnce('sp-dropdown', class extends Picker {});
  defineOnce('sp-progressbar', class extends ProgressBar {});
}
