import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import CasesPanel from '../../src/ui/screens/settings/CasesPanel.svelte';
import { appContext } from '../../src/ui/context';
import { AppState } from '../../src/state/app.svelte';
import { appEnv } from '../../src/data/env';
import { clockWrongCase } from '../../src/domain/cases';

describe('conflicts inbox (Settings → Needs attention)', () => {
  it('lists open cases and resolving one queues case.resolve and clears it', async () => {
    const { db } = appEnv();
    const id = '0190b6a2-3c4d-7e5f-8a6b-7c8d9e0f1a2b';
    await db.cases.put(clockWrongCase(id, 'dev-1', 'Stall phone', '2026-11-27T09:00:00.000Z'));
    render(CasesPanel, { context: appContext(new AppState()) });

    const region = await screen.findByRole('region', { name: 'Needs attention (1)' });
    expect(region).toHaveTextContent('The clock on “Stall phone” is ahead of the server');
    await fireEvent.click(screen.getByRole('button', { name: 'Clock fixed' }));

    await waitFor(() => expect(screen.queryByRole('region', { name: /Needs attention/ })).toBeNull());
    expect(await db.cases.get(id)).toMatchObject({ status: 'resolved', resolution: 'clock-fixed' });
    expect((await db.outbox.toArray()).map((r) => [r.name, r.args])).toEqual([['case.resolve', { id, resolution: 'clock-fixed' }]]);
  });
});
