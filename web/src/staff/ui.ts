// Small shared pieces of the staff pages: headings, panels, loading and error states, labelled
// fields, badges and a modal confirmation. Text goes in as text nodes only (lib/dom.ts).
import { h, nextId } from '../lib/dom';
import { st } from './i18n';

export { h, s, nextId, mount } from '../lib/dom';

// The page heading; it takes the focus after navigation so screen readers announce the page.
export function pageTitle(text: string, ...extra: Kid[]): HTMLElement {
  return h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, text), ...extra);
}

// What h() takes as children.
export type Kid = Node | string | number | null | false | undefined | Kid[];

export function panel(title: string | null, attrs: Record<string, string> = {}, ...children: Kid[]): HTMLElement {
  const id = title ? nextId('panel') : null;
  return h('section', { class: 'panel', 'aria-labelledby': id, ...attrs },
    title ? h('h2', { id }, title) : null, ...children);
}

export function loading(text: string = st('app.loading')): HTMLElement {
  return h('div', { class: 'loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, text));
}

export function errorBox(text: string, retry?: () => void): HTMLElement {
  return h('div', { class: 'notice notice-error', role: 'alert' },
    h('p', {}, text),
    retry ? h('button', { type: 'button', class: 'btn', onclick: retry }, st('app.retry')) : null);
}

export function notice(text: string, kind: 'ok' | 'info' | 'warn' | 'error' = 'info'): HTMLElement {
  return h('div', { class: `notice notice-${kind}`, role: 'status' }, h('p', {}, text));
}

export function empty(text: string = st('app.empty')): HTMLElement {
  return h('p', { class: 'empty muted' }, text);
}

// A small coloured label; kind picks the colour class (ok, warn, bad, info, muted).
export function badge(text: string, kind = 'muted', attrs: Record<string, string> = {}): HTMLElement {
  return h('span', { class: `badge badge-${kind}`, ...attrs }, text);
}

export interface Field<E extends HTMLElement = HTMLInputElement> {
  wrap: HTMLElement;
  input: E;
}

export function field(label: string, attrs: Record<string, string | number | boolean>): Field {
  const id = nextId('f');
  const input = h('input', { id, ...attrs });
  return { wrap: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

export function selectField(label: string, options: { value: string; label: string }[], attrs: Record<string, string | boolean> = {}): Field<HTMLSelectElement> {
  const id = nextId('f');
  const input = h('select', { id, ...attrs }, options.map((o) => h('option', { value: o.value }, o.label)));
  return { wrap: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

// Loads into `slot`: a spinner meanwhile, the error with a retry button when it fails.
export async function loadInto<T>(slot: HTMLElement, work: () => Promise<T>, show: (value: T) => Node | Node[],
                                  describe: (e: unknown) => string): Promise<void> {
  slot.replaceChildren(loading());
  slot.setAttribute('aria-busy', 'true');
  try {
    const value = await work();
    const out = show(value);
    slot.replaceChildren(...(Array.isArray(out) ? out : [out]));
  } catch (e) {
    slot.replaceChildren(errorBox(describe(e), () => void loadInto(slot, work, show, describe)));
  } finally {
    slot.removeAttribute('aria-busy');
  }
}

// A modal question. `typed`: the user must type this word before Confirm is enabled (for
// destructive actions). Resolves true when confirmed.
export function confirmDialog(opts: { title: string; text: string; confirm: string; typed?: string; typedLabel?: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = nextId('dlg');
    const textId = nextId('dlg');
    const ok = h('button', { type: 'submit', class: opts.danger ? 'btn btn-danger' : 'btn btn-primary', 'data-testid': 'confirm-ok' }, opts.confirm);
    const cancel = h('button', { type: 'button', class: 'btn', 'data-testid': 'confirm-cancel' }, st('app.cancel'));
    let typed: Field | null = null;
    if (opts.typed) {
      typed = field(opts.typedLabel ?? opts.typed, { type: 'text', autocomplete: 'off', name: 'typed', 'data-testid': 'confirm-typed' });
      ok.disabled = true;
      typed.input.addEventListener('input', () => {
        ok.disabled = typed!.input.value.trim() !== opts.typed;
      });
    }
    const form = h('form', { class: 'dialog-form' },
      h('h2', { id: titleId }, opts.title), h('p', { id: textId }, opts.text), typed?.wrap ?? null,
      h('div', { class: 'actions' }, ok, cancel));
    const dialog = h('dialog', { class: 'dialog', role: 'alertdialog', 'aria-labelledby': titleId, 'aria-describedby': textId }, form);
    const before = document.activeElement as HTMLElement | null;
    const done = (v: boolean) => {
      dialog.close?.();
      dialog.remove();
      before?.focus?.();
      resolve(v);
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!ok.disabled) done(true);
    });
    cancel.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (ev) => {
      ev.preventDefault();
      done(false);
    });
    document.body.appendChild(dialog);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    (typed?.input ?? cancel).focus();
  });
}
