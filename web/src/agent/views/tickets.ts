// The tickets queue (#/tickets?state=): tabs for new, assigned, waiting and solved, each ticket
// linked to its page and its customer, "assign to me" for the unassigned ones.
import { currentSession, errorText, get, patch, query, seg } from '../../staff/api';
import { formatAgo, formatDateTime } from '../../staff/i18n';
import { badge, empty, errorBox, h, loadInto, pageTitle, panel } from '../../staff/ui';
import { t, type AgentKey } from '../i18n';
import { TICKET_STATES, hrefFor } from '../router';
import type { TicketSummary } from '../types';

export function stateLabel(state: string): string {
  return (TICKET_STATES as readonly string[]).includes(state) ? t(`state.${state}` as AgentKey) : state;
}

export function stateKind(state: string): string {
  return state === 'new' ? 'warn' : state === 'solved' ? 'ok' : 'info';
}

async function assignToMe(ticket: TicketSummary, slot: HTMLElement, after: () => void): Promise<void> {
  try {
    await patch(`/tickets/${seg(ticket.id)}`, { assignee: 'me' });
    after();
  } catch (e) {
    slot.replaceChildren(errorBox(errorText(e)));
  }
}

// The table of tickets; `assign` adds the "assign to me" buttons (the queue, not a customer page).
export function ticketTable(list: TicketSummary[], assign: boolean, after: () => void = () => {}): HTMLElement {
  const errors = h('div', {});
  const canChange = (currentSession()?.user.role ?? '') !== 'read';
  return h('div', { class: 'table-wrap' }, errors, h('table', { class: 'data tickets' },
    h('thead', {}, h('tr', {}, [t('col.subject'), t('col.customer'), t('col.state'), t('col.cause'), t('col.assignee'), t('col.updated')]
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, list.map((tk) => h('tr', { 'data-testid': 'ticket-row', 'data-ticket': tk.id },
      h('td', {}, h('a', { href: hrefFor({ name: 'ticket', id: tk.id }) }, tk.subject || tk.id)),
      h('td', {}, h('a', { href: hrefFor({ name: 'customer', account: tk.account, homeId: tk.homeId || null }) }, tk.customerName || tk.account)),
      h('td', {}, badge(stateLabel(tk.state), stateKind(tk.state))),
      h('td', { class: 'mono' }, tk.causeCode ?? ''),
      h('td', {}, tk.assigneeName || tk.assignee
        ? tk.assigneeName || tk.assignee
        : assign && canChange
          ? h('button', { type: 'button', class: 'btn', 'data-testid': 'assign-me', onclick: () => void assignToMe(tk, errors, after) }, t('tickets.assignMe'))
          : h('span', { class: 'muted' }, t('tickets.unassigned'))),
      h('td', { title: formatDateTime(tk.updatedAt) }, formatAgo(tk.updatedAt)))))));
}

export function ticketsPage(state: string): HTMLElement {
  const tabs = h('nav', { class: 'tabs', 'aria-label': t('col.state') }, TICKET_STATES.map((s) =>
    h('a', { href: hrefFor({ name: 'tickets', state: s }), 'aria-current': s === state ? 'page' : null, 'data-testid': `tab-${s}` }, stateLabel(s))));
  const slot = h('div', {});
  const load = () => void loadInto(slot, () => get<{ tickets: TicketSummary[]; total: number }>(`/tickets${query({ state, limit: 200 })}`),
    (r) => r.tickets.length === 0 ? empty(t('tickets.empty'))
      // After an assignment the list is read again in place, and only while it is still shown: an
      // answer that arrives after the agent moved on must not take them back to the queue.
      : [h('p', { class: 'muted' }, t('tickets.total', { n: r.total ?? r.tickets.length })), ticketTable(r.tickets, true, () => { if (slot.isConnected) load(); })],
    errorText);
  load();
  return h('div', {}, pageTitle(t('tickets.title')), panel(null, {}, tabs, slot));
}
