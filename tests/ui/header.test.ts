import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Header from '../../src/ui/Header.svelte';
import { appContext } from '../../src/ui/context';
import { AppState } from '../../src/state/app.svelte';

describe('header', () => {
  it('shows Online or Offline as the browser reports it', () => {
    render(Header, { context: appContext(new AppState()) });
    expect(screen.getByRole('status', { name: 'Online' })).toBeInTheDocument();
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    window.dispatchEvent(new Event('offline'));
    flushSync();
    expect(screen.getByRole('status', { name: 'Offline' })).toHaveTextContent('Offline');
    window.dispatchEvent(new Event('online'));
    flushSync();
    expect(screen.getByRole('status', { name: 'Online' })).toBeInTheDocument();
  });
});
