import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSession } from './api';
import { loginPage } from './login';
import { shell } from './shell';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('login page and shell', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('logs in and tells the app; shows the error for wrong credentials', async () => {
    const replies = [
      new Response(JSON.stringify({ error: { code: 'invalid_credentials', message: 'no' } }), { status: 401 }),
      new Response(JSON.stringify({ user: { id: 'u', login: 'ann', name: 'Ann', email: '', role: 'supervisor' }, csrfToken: 'x' }), { status: 200 }),
    ];
    vi.stubGlobal('fetch', async () => replies.shift()!);
    const done = vi.fn();
    const page = loginPage('Console', done);
    const form = page.querySelector<HTMLFormElement>('[data-testid="staff-login-form"]')!;
    form.querySelector<HTMLInputElement>('input[name=login]')!.value = 'ann';
    form.querySelector<HTMLInputElement>('input[name=password]')!.value = 'bad';
    form.dispatchEvent(new Event('submit'));
    for (let i = 0; i < 4; i++) await flush();
    expect(page.querySelector('[role=alert]')?.textContent).toMatch(/wrong/);
    expect(done).not.toHaveBeenCalled();
    form.querySelector<HTMLInputElement>('input[name=password]')!.value = 'good';
    form.dispatchEvent(new Event('submit'));
    for (let i = 0; i < 4; i++) await flush();
    expect(done).toHaveBeenCalledOnce();
    expect(done.mock.calls[0][0].user.role).toBe('supervisor');
  });

  it('shows the user, role, nav and language switch', () => {
    const frame = shell({
      appName: 'Console', homeHref: '#/', onLogout: () => {},
      session: { user: { id: 'u', login: 'ann', name: 'Ann', email: '', role: 'operator' }, csrfToken: 'x' },
      nav: [{ href: '#/a', label: 'A', current: true }, { href: '#/b', label: 'B', current: false }],
    });
    const root = document.createElement('div');
    root.append(frame.root);
    expect(root.querySelector('[data-testid="staff-user"]')?.textContent).toBe('Ann (operator)');
    expect(root.querySelector('[aria-current="page"]')?.textContent).toBe('A');
    expect(root.querySelectorAll('.lang-select option')).toHaveLength(3);
    expect(root.querySelector('main#main')).toBe(frame.main);
  });
});
