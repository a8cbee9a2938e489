import { afterEach, describe, expect, it, vi } from 'vitest';
import { Blob as NodeBlob } from 'node:buffer';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import PhotoThumb from '../../src/ui/photos/PhotoThumb.svelte';
import PhotoEditor from '../../src/ui/photos/PhotoEditor.svelte';
import { appContext } from '../../src/ui/context';
import { AppState } from '../../src/state/app.svelte';
import { appEnv } from '../../src/data/env';
import type { StoredPhoto } from '../../src/data/photos';

// happy-dom's Blob does not survive fake-indexeddb's structured clone; Node's does.
const blob = (text: string) => new NodeBlob([text], { type: 'image/jpeg' }) as unknown as Blob;
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function stored(id: string, extra: Partial<StoredPhoto> = {}): StoredPhoto {
  return { id, state: 'uploaded', full: blob(`full ${id}`), thumb: blob(`thumb ${id}`), type: 'image/jpeg', width: 1600, height: 1200, size: 10, addedAt: '2026-11-27T09:00:00.000Z', ...extra };
}

let urls = 0;
const created = vi.fn((_: Blob) => `blob:test/${++urls}`);
const revoked = vi.fn();
URL.createObjectURL = created;
URL.revokeObjectURL = revoked;

afterEach(async () => {
  await appEnv().db.photos.clear();
  created.mockClear();
  revoked.mockClear();
});

describe('a photo thumbnail', () => {
  it('shows the stored thumbnail through an object URL and revokes it when it goes away', async () => {
    await appEnv().db.photos.put(stored(A));
    const { unmount } = render(PhotoThumb, { props: { id: A, alt: 'Opal ring' }, context: appContext(new AppState()) });
    const img = await screen.findByRole('img', { name: 'Opal ring' });
    const url = img.getAttribute('src')!;
    expect(url).toMatch(/^blob:test\//);
    expect(await created.mock.calls.at(-1)![0].text()).toBe(`thumb ${A}`);
    unmount();
    expect(revoked).toHaveBeenCalledWith(url);
  });

  it('is a neutral placeholder until a photo named by a record is downloaded, then the picture', async () => {
    const { db } = appEnv();
    await db.photos.put({ id: B, state: 'wanted', wantedAt: '2026-11-27T09:00:00.000Z' });
    render(PhotoThumb, { props: { id: B, alt: 'Garnet studs' }, context: appContext(new AppState()) });
    expect(await screen.findByRole('img', { name: 'Garnet studs (photo not downloaded yet)' })).not.toHaveAttribute('src');
    await db.photos.put(stored(B, { state: 'remote' }));
    await waitFor(() => expect(screen.getByRole('img', { name: 'Garnet studs' })).toHaveAttribute('src'));
  });

  it('shows nothing to screen readers for a record without photos', () => {
    const { container } = render(PhotoThumb, { props: { id: undefined, alt: 'Chain' }, context: appContext(new AppState()) });
    expect(screen.queryByRole('img')).toBeNull();
    expect(container.querySelector('[aria-hidden="true"]')).not.toBeNull();
  });
});

describe('the photo editor', () => {
  it('removes one photo, shows why the server refused another, and refuses a file that is not a picture', async () => {
    await appEnv().db.photos.bulkPut([stored(A), stored(B, { state: 'failed', failure: { reason: 'hash-mismatch', message: 'The server refused this photo: it was damaged' } })]);
    const onchange = vi.fn();
    render(PhotoEditor, { props: { photoIds: [A, B], alt: 'Opal ring', onchange }, context: appContext(new AppState()) });

    const region = await screen.findByRole('region', { name: 'Photos' });
    await waitFor(() => expect(region).toHaveTextContent('The server refused this photo: it was damaged'));
    await fireEvent.click(screen.getByRole('button', { name: 'Remove photo 1' }));
    expect(onchange).toHaveBeenCalledWith([B]);

    const input = screen.getByLabelText('Photo file');
    expect(input).toHaveAttribute('accept', 'image/*');
    expect(input).toHaveAttribute('capture', 'environment');
    Object.defineProperty(input, 'files', { value: [new File(['a,b'], 'prices.csv', { type: 'text/csv' })], configurable: true });
    await fireEvent.change(input);
    expect(await screen.findByRole('alert')).toHaveTextContent('That file is not a photo');
    expect(onchange).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Add photo' })).toBeEnabled();
  });
});
