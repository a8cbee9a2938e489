import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import LockScreen from '../../src/ui/staff/LockScreen.svelte';
import ApprovalDialog from '../../src/ui/staff/ApprovalDialog.svelte';
import { appContext } from '../../src/ui/context';
import { AppState } from '../../src/state/app.svelte';

/** Keys typed anywhere on the page (a keyboard cover, a counter PC). */
async function type(...keys: string[]): Promise<void> {
  for (const key of keys) await fireEvent.keyDown(window, { key });
}

describe('lock screen and approval dialog', () => {
  it('unlocks from the keyboard, says how many attempts are left, and asks a manager to approve', async () => {
    const app = new AppState();
    const { unmount } = render(LockScreen, { context: appContext(app) });
    render(ApprovalDialog, { context: appContext(app) });
    await vi.waitFor(() => expect(app.staff.loaded).toBe(true));
    const margot = await app.staff.add({ name: 'Margot', role: 'owner', pin: '2580' });
    await app.staff.add({ name: 'Leo', role: 'cashier', pin: '1357' });
    expect(screen.queryByRole('dialog')).toBeNull(); // the owner who set it up stays signed in

    app.staff.switchUser();
    await fireEvent.click(await screen.findByRole('button', { name: /Leo/ }));
    expect(screen.getByRole('heading', { name: 'Hi, Leo' })).toBeInTheDocument();
    await type(...'4006381333931', 'Enter'); // a barcode from a scanner is not a PIN attempt
    expect(screen.queryByRole('alert')).toBeNull();
    expect(app.staff.lockout.remaining).toBe(5);
    await type('2', '4', '6', '8', '9', 'Backspace');
    expect(screen.getByRole('img', { name: '4 digits entered' })).toBeInTheDocument();
    await type('Enter');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong PIN — 4 attempts left');

    for (const digit of '1357') await fireEvent.click(screen.getByRole('button', { name: digit }));
    await fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog', { name: 'Hi, Leo' })).toBeNull());
    expect(app.staff.current?.name).toBe('Leo');

    const approval = app.staff.requestApproval('Discount over 20 %');
    const dialog = await screen.findByRole('dialog', { name: 'Manager approval' });
    expect(dialog).toHaveAccessibleDescription('Discount over 20 %');
    await type('2', '5', '8', '0', 'Enter');
    await expect(approval).resolves.toEqual({ by: margot, name: 'Margot' });
    await vi.waitFor(() => expect(screen.queryByRole('dialog', { name: 'Manager approval' })).toBeNull());
    unmount();
    app.staff.dispose();
  });
});
