// The history of what was done, the knowledge base (search and articles) and support cases.
import { t, type Key } from '../i18n';
import { errorMessage, get } from '../lib/api';
import { h, nextId } from '../lib/dom';
import { formatTime } from '../lib/format';
import { go } from '../lib/router';
import { card, errorBox, pageTitle, progress } from '../lib/ui';
import type { Article, ArticleSummary, HistoryEntry, TicketSummary } from '../lib/types';

function loading(): HTMLElement {
  return h('div', { class: 'stack' }, progress(t('app.loading')));
}

function label(key: string, fallback: string): string {
  // Server states we have no word for are shown as sent rather than hidden.
  const k = key as Key;
  const text = t(k);
  return text === k ? fallback : text;
}

export function historyPage(): HTMLElement {
  const body = loading();
  const load = () => get<{ entries: HistoryEntry[] }>('/history?limit=50').then(({ entries }) => {
    body.replaceChildren(entries.length
      ? h('ol', { class: 'timeline' }, entries.map((e) => h('li', { class: `entry entry-${e.outcome}` },
        h('p', { class: 'muted' }, h('time', { datetime: e.at }, formatTime(e.at)), ` · ${label(`history.actor.${e.actor}`, e.actor)}`),
        h('p', {}, e.text),
        h('p', {}, h('span', { class: `badge badge-${e.outcome === 'ok' ? 'ok' : e.outcome === 'failed' ? 'problem' : 'unknown'}` },
          label(`history.outcome.${e.outcome}`, e.outcome))))))
      : h('p', {}, t('history.none')));
  }).catch((e) => body.replaceChildren(errorBox(errorMessage(e), () => void load())));
  void load();
  return h('div', { class: 'page' }, pageTitle(t('history.title')), h('p', { class: 'lead' }, t('history.intro')), card(null, {}, body));
}

export function helpPage(q: string): HTMLElement {
  const id = nextId('search');
  const input = h('input', { id, type: 'search', value: q, autocomplete: 'off' });
  const results = loading();
  const count = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const form = h('form', { class: 'search', role: 'search' },
    h('label', { for: id, class: 'visually-hidden' }, t('help.search')),
    input, h('button', { type: 'submit', class: 'primary' }, t('help.searchButton')));
  input.setAttribute('placeholder', t('help.search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go({ name: 'help', q: input.value.trim() });
  });
  get<{ articles: ArticleSummary[] }>(`/kb?q=${encodeURIComponent(q)}`).then(({ articles }) => {
    count.textContent = t('help.results', { n: articles.length });
    results.replaceChildren(articles.length
      ? h('ul', { class: 'plain articles' }, articles.map((a) => h('li', {},
        h('a', { href: `#/help/${encodeURIComponent(a.id)}` }, a.title), h('p', { class: 'muted' }, a.summary))))
      : h('p', {}, t('help.none'), ' ', h('a', { href: '#/troubleshoot' }, t('nav.troubleshoot'))));
  }).catch((e) => results.replaceChildren(errorBox(errorMessage(e))));
  return h('div', { class: 'page' }, pageTitle(t('help.title')), card(null, {}, form, count, results));
}

export function articlePage(articleId: string): HTMLElement {
  const title = pageTitle(t('help.title'));
  const body = loading();
  get<Article>(`/kb/${encodeURIComponent(articleId)}`).then((a) => {
    title.textContent = a.title;
    document.title = `${a.title} – ${t('app.name')}`;
    const paragraphs = a.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    body.replaceChildren(
      h('article', { class: 'article' }, paragraphs.map((p) => h('p', {}, p))),
      a.updatedAt ? h('p', { class: 'muted' }, t('help.updated', { time: formatTime(a.updatedAt) })) : '');
  }).catch((e) => body.replaceChildren(errorBox(errorMessage(e))));
  return h('div', { class: 'page' },
    h('p', {}, h('a', { href: '#/help' }, `← ${t('help.all')}`)),
    title, card(null, {}, body));
}

export function ticketsPage(): HTMLElement {
  const body = loading();
  get<{ tickets: TicketSummary[] }>('/tickets').then(({ tickets }) => {
    body.replaceChildren(tickets.length
      ? h('ul', { class: 'plain tickets' }, tickets.map((tk) => h('li', { class: 'ticket' },
        h('p', {}, h('strong', {}, `#${tk.id} ${tk.subject}`), ' ', h('span', { class: 'badge' }, label(`tickets.state.${tk.state}`, tk.state))),
        h('p', { class: 'muted' }, t('tickets.opened', { time: formatTime(tk.createdAt) }),
          tk.updatedAt ? ` · ${t('tickets.updated', { time: formatTime(tk.updatedAt) })}` : ''),
        tk.incidentId ? h('p', { class: 'muted' }, t('tickets.incident')) : null)))
      : h('p', {}, t('tickets.none')));
  }).catch((e) => body.replaceChildren(errorBox(errorMessage(e))));
  return h('div', { class: 'page' }, pageTitle(t('tickets.title')), card(null, {}, body));
}
