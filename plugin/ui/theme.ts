/**
 * The host's theme and the page's folds. Premiere reports its theme through `document.theme` (getCurrent:
 * "light", "dark", "darkest"; onUpdated) and has no --uxp-host-* colour variables, so the page switches a
 * class on <body> that index.html's colour variables hang from. A browser follows prefers-color-scheme.
 */

interface ThemeApi {
  getCurrent(): string;
  onUpdated?: { addListener(cb: (theme: string) => void): void };
}

/** "dark" or "light" for a host theme name. */
export const themeClass = (theme: string): 'dark' | 'light' => (/dark/i.test(theme) ? 'dark' : 'light');

/** Applies the host theme now and whenever it changes; returns the theme applied. */
export function followTheme(doc: Document): 'dark' | 'light' {
  const apply = (theme: string): 'dark' | 'light' => {
    const t = themeClass(theme);
    doc.body.classList.remove('theme-dark', 'theme-light');
    doc.body.classList.add(`theme-${t}`);
    return t;
  };
  const api = (doc as unknown as { theme?: ThemeApi }).theme;
  if (api && typeof api.getCurrent === 'function') {
    api.onUpdated?.addListener((theme) => apply(theme));
    return apply(api.getCurrent());
  }
  const light = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches;
  return apply(light ? 'light' : 'dark');
}

/** Makes `#head-<name>` fold and unfold `#body-<name>`; starts folded unless `open`. */
export function foldable(doc: Document, name: string, open = false): (open: boolean) => void {
  const head = doc.getElementById(`head-${name}`);
  const body = doc.getElementById(`body-${name}`);
  if (!head || !body) return () => undefined;
  const label = (head.textContent ?? '').replace(/^[▸▾]\s*/, '');
  let isOpen = open;
  const set = (o: boolean): void => {
    isOpen = o;
    body.style.display = o ? 'block' : 'none';
    head.textContent = `${o ? '▾' : '▸'} ${label}`;
    head.setAttribute('data-open', String(o));
  };
  head.addEventListener('click', () => set(!isOpen));
  set(open);
  return set;
}
