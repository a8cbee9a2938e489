import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import UpdatePrompt from '../../src/ui/UpdatePrompt.svelte';
import { appContext } from '../../src/ui/context';
import { AppState } from '../../src/state/app.svelte';
import { Updates, type WorkerRegistrar } from '../../src/state/updates.svelte';

class FakeRegistrar implements WorkerRegistrar {
  listeners = new Map<string, () => void>();
  skipped = false;
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  register() {
    return Promise.resolve();
  }
  messageSkipWaiting() {
    this.skipped = true;
    this.listeners.get('controlling')?.();
  }
}

async function setup() {
  const app = new AppState();
  const registrar = new FakeRegistrar();
  const reload = vi.fn();
  const updates = new Updates(app.cart, () => registrar, reload);
  Object.defineProperty(app, 'updates', { value: updates });
  Object.defineProperty(navigator, 'serviceWorker', { value: {}, configurable: true });
  await updates.register();
  render(UpdatePrompt, { context: appContext(app) });
  return { app, registrar, reload };
}

describe('update prompt', () => {
  it('stays hidden until a new version is waiting', async () => {
    const { registrar } = await setup();
    expect(screen.queryByText('Update available')).toBeNull();
    registrar.listeners.get('waiting')!();
    flushSync();
    expect(screen.getByRole('alert')).toHaveTextContent('Update available');
  });

  it('applies only when accepted, and reloads once the new worker controls the page', async () => {
    const { registrar, reload } = await setup();
    registrar.listeners.get('waiting')!();
    flushSync();
    expect(registrar.skipped).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    expect(registrar.skipped).toBe(true);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('will not update in the middle of a sale', async () => {
    const { app, registrar, reload } = await setup();
    app.cart.add({
      itemId: 'ring-1',
      pieceId: null,
      title: 'Ring',
      sku: 'R-1',
      serial: null,
      unitPrice: 1000,
      taxRateBp: 0,
      tracking: 'quantity',
      components: [],
      onHand: 1,
      status: 'active',
    });
    registrar.listeners.get('waiting')!();
    flushSync();
    const button = screen.getByRole('button', { name: 'Update now' });
    expect(button).toBeDisabled();
    expect(screen.getByRole('alert')).toHaveTextContent('Finish or park the current sale first');
    expect(app.updates.apply()).toBe(false);
    expect(registrar.skipped).toBe(false);

    app.cart.lines = [];
    flushSync();
    expect(button).toBeEnabled();
    expect(reload).not.toHaveBeenCalled();
  });
});
