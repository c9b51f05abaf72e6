// Small shared pieces of the pages: headings, cards, progress with what is being done, errors,
// form fields with their labels and hints.
import { t } from '../i18n';
import { h, nextId } from './dom';

// The page's heading; it takes the focus after navigation so screen readers announce the page.
export function pageTitle(text: string): HTMLHeadingElement {
  return h('h1', { tabindex: -1, class: 'page-title' }, text);
}

export function card(title: string | null, attrs: Record<string, string> = {}, ...children: (Node | string | null | false)[]): HTMLElement {
  const headingId = title ? nextId('card') : null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': headingId, ...attrs },
    title ? h('h2', { id: headingId }, title) : null,
    ...children,
  );
}

// A spinner with the words of what is happening, in a polite live region.
export function progress(text: string): HTMLElement {
  return h('div', { class: 'progress', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, text));
}

export function errorBox(text: string, retry?: () => void): HTMLElement {
  return h('div', { class: 'notice notice-error', role: 'alert' },
    h('p', {}, text),
    retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, t('app.retry')) : null);
}

export function notice(text: string, kind: 'ok' | 'info' | 'warn' = 'info'): HTMLElement {
  return h('div', { class: `notice notice-${kind}`, role: 'status' }, h('p', {}, text));
}

// A live region whose text changes are announced; one per result area.
export function liveRegion(): HTMLElement {
  return h('div', { class: 'live', role: 'status', 'aria-live': 'polite' });
}

export interface Field {
  wrap: HTMLElement;
  input: HTMLInputElement;
  setError(text: string | null): void;
}

// A labelled input with an optional hint and a place for its error, linked by aria-describedby.
export function field(label: string, attrs: Record<string, string | number | boolean>, hint?: string): Field {
  const id = nextId('f');
  const hintId = hint ? `${id}-hint` : null;
  const errId = `${id}-err`;
  const input = h('input', { id, 'aria-describedby': [hintId, errId].filter(Boolean).join(' '), ...attrs });
  const err = h('p', { id: errId, class: 'field-error', hidden: true });
  const wrap = h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
    input, err);
  return {
    wrap,
    input,
    setError(text) {
      err.textContent = text ?? '';
      err.hidden = !text;
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

// A checkbox that reveals a password field's text.
export function revealToggle(label: string, ...inputs: HTMLInputElement[]): HTMLElement {
  const id = nextId('reveal');
  const box = h('input', { type: 'checkbox', id, onchange: () => {
    for (const i of inputs) i.type = box.checked ? 'text' : 'password';
  } });
  return h('div', { class: 'check' }, box, h('label', { for: id }, label));
}

// Runs `work` with a button disabled and a progress line shown in `slot` meanwhile.
export async function busy<T>(button: HTMLButtonElement | null, slot: HTMLElement, text: string, work: () => Promise<T>): Promise<T> {
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  slot.replaceChildren(progress(text));
  try {
    return await work();
  } finally {
    slot.replaceChildren();
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}
