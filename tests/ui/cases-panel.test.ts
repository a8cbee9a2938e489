import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import CasesPanel from '../../src/ui/screens/settings/CasesPanel.svelte';
import Header from '../../src/ui/Header.svelte';
import Cases from '../../src/ui/screens/cases/Cases.svelte';
import { appContext } from '../../src/ui/context';
import { AppState } from '../../src/state/app.svelte';
import { appEnv } from '../../src/data/env';
import { clockWrongCase, creditOverspentCase } from '../../src/domain/cases';

describe('conflicts inbox (header badge, Settings, /cases)', () => {
  it('the header badge counts open cases; the case page resolves one with a note through case.resolve', async () => {
    const { db } = appEnv();
    const id = '0190b6a2-3c4d-7e5f-8a6b-7c8d9e0f1a2b';
    await db.cases.put(clockWrongCase(id, 'dev-1', 'Stall phone', '2026-11-27T09:00:00.000Z'));
    const app = new AppState();
    render(Header, { context: appContext(app) });
    render(CasesPanel, { context: appContext(app) });
    const badge = await screen.findByRole('link', { name: '1 open conflict' });
    expect(badge).toHaveAttribute('href', '/cases');
    expect(screen.getByRole('region', { name: 'Conflicts' })).toHaveTextContent('1 case needs a decision');

    app.router.go(`/cases/${encodeURIComponent(id)}`);
    render(Cases, { context: appContext(app) });
    expect(await screen.findByRole('heading', { name: 'Device clock wrong' })).toBeInTheDocument();
    expect(screen.getByText(/The clock on “Stall phone” is ahead of the server/)).toBeInTheDocument();
    await fireEvent.click(await screen.findByRole('button', { name: 'Clock fixed' }));
    const dialog = await screen.findByRole('dialog', { name: 'Resolve the case' });
    await fireEvent.input(within(dialog).getByLabelText('Note'), { target: { value: 'Set to automatic' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));

    await waitFor(() => expect(screen.queryByRole('link', { name: /open conflict/ })).toBeNull());
    expect(await db.cases.get(id)).toMatchObject({ status: 'resolved', resolution: 'clock-fixed', note: 'Set to automatic' });
    expect((await db.outbox.toArray()).map((r) => [r.name, r.args])).toEqual([
      ['case.resolve', { id, resolution: 'clock-fixed', note: 'Set to automatic' }],
    ]);
    expect(await screen.findByRole('region', { name: 'How it was resolved' })).toHaveTextContent('Set to automatic');
  });

  it('a credit spent twice shows its account and balance, and the resolutions for it', async () => {
    const { db } = appEnv();
    const creditId = '0190b6a2-3c4d-7e5f-8a6b-000000000c01';
    await db.credits.put({
      id: creditId,
      code: 'CR-R1-0001',
      customerId: null,
      kind: 'store-credit',
      createdAt: '2026-11-27T09:00:00.000Z',
    });
    await db.creditEntries.bulkPut([
      { id: 'e1', creditId, amount: 2785, saleId: null, returnId: 'r', occurredAt: '2026-11-27T09:00:00.000Z', deviceId: 'a' },
      { id: 'e2', creditId, amount: -2785, saleId: 's1', returnId: null, occurredAt: '2026-11-27T10:00:00.000Z', deviceId: 'a' },
      { id: 'e3', creditId, amount: -2785, saleId: 's2', returnId: null, occurredAt: '2026-11-27T10:01:00.000Z', deviceId: 'b' },
    ]);
    const c = creditOverspentCase(creditId, 'CR-R1-0001', -2785, '2026-11-27T10:01:00.000Z', ['s1', 's2']);
    await db.cases.put(c);
    const app = new AppState();
    app.router.go(`/cases/${encodeURIComponent(c.id)}`);
    render(Cases, { context: appContext(app) });
    expect(await screen.findByRole('heading', { name: 'Credit spent twice' })).toBeInTheDocument();
    const account = await screen.findByRole('region', { name: 'The account' });
    expect(account).toHaveTextContent('CR-R1-0001');
    expect(account).toHaveTextContent('-$27.85');
    for (const name of ['Difference collected', 'Write it off', 'Dismiss'])
      expect(await screen.findByRole('button', { name })).toBeInTheDocument();
  });

  it('a cashier sees the badge and the case but not the actions (a manager resolves it)', async () => {
    const { db } = appEnv();
    const id = '0190b6a2-3c4d-7e5f-8a6b-7c8d9e0f1a2c';
    await db.cases.put(clockWrongCase(id, 'dev-1', 'Stall phone', '2026-11-27T09:00:00.000Z'));
    const app = new AppState();
    app.router.go(`/cases/${encodeURIComponent(id)}`);
    render(Cases, { context: appContext(app) });
    await vi.waitFor(() => expect(app.staff.loaded).toBe(true));
    await app.staff.add({ name: 'Margot', role: 'owner', pin: '2580' });
    const leo = await app.staff.add({ name: 'Leo', role: 'cashier', pin: '1357' });
    await app.staff.unlock(leo, '1357');
    expect(app.staff.current?.name).toBe('Leo');
    render(Header, { context: appContext(app) });
    expect(await screen.findByRole('link', { name: /^\d+ open conflicts?$/ })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Device clock wrong' })).toBeInTheDocument();
    expect(await screen.findByText('Not available to cashiers — ask a manager')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clock fixed' })).toBeNull();
    app.staff.dispose();
  });
});
