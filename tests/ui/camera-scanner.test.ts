import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import CameraScanner from '../../src/ui/scan/CameraScanner.svelte';
import { ScanError, type OnRead, type Scanner } from '../../src/scan/scanner';

/** A camera that reads whatever the test says it sees. */
function fakeScanner(options: { fail?: ScanError; available?: boolean } = {}) {
  let onRead: OnRead | undefined;
  const scanner: Scanner & { read(code: string): void; stops: number; container?: HTMLElement } = {
    stops: 0,
    available: () => Promise.resolve(options.available ?? true),
    start: (container, read) => {
      if (options.fail) return Promise.reject(options.fail);
      scanner.container = container;
      onRead = read;
      return Promise.resolve();
    },
    stop: () => {
      scanner.stops += 1;
      onRead = undefined;
      return Promise.resolve();
    },
    read: (code) => onRead?.(code, 'code128'),
  };
  return scanner;
}

describe('CameraScanner', () => {
  it('passes each read on, counts them, shows the last, and +1 repeats it', async () => {
    const scanner = fakeScanner();
    const onCode = vi.fn();
    const onClose = vi.fn();
    const { unmount } = render(CameraScanner, { onCode, onClose, scanner });
    expect(screen.getByRole('dialog', { name: 'Camera scanner' })).toBeInTheDocument();
    const again = screen.getByRole('button', { name: '+1 again' });
    expect(again).toBeDisabled();
    await waitFor(() => expect(scanner.container).toBeDefined());

    scanner.read('TROVE-SCAN-0001');
    await waitFor(() => expect(screen.getByRole('status', { name: 'Reads' })).toHaveTextContent('Read 1 code'));
    expect(screen.getByRole('status', { name: 'Reads' })).toHaveTextContent('Last: TROVE-SCAN-0001');
    expect(onCode).toHaveBeenCalledWith('TROVE-SCAN-0001');

    await fireEvent.click(again);
    expect(onCode).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('status', { name: 'Reads' })).toHaveTextContent('Read 2 codes');

    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
    unmount();
    expect(scanner.stops).toBeGreaterThan(0);
    scanner.read('LATE'); // after close, nothing more reaches the register
    expect(onCode).toHaveBeenCalledTimes(2);
  });

  it('explains a refused camera and points to the alternatives', async () => {
    const scanner = fakeScanner({ fail: new ScanError('denied', 'NotAllowedError: Permission denied') });
    render(CameraScanner, { onCode: vi.fn(), onClose: vi.fn(), scanner });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('not allowed');
    expect(alert).toHaveTextContent('Use a barcode scanner or search instead.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('says so when there is no camera at all', async () => {
    render(CameraScanner, { onCode: vi.fn(), onClose: vi.fn(), scanner: fakeScanner({ available: false }), title: 'Scan tags' });
    expect(screen.getByRole('heading', { name: 'Scan tags' })).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('No camera was found');
  });
});
