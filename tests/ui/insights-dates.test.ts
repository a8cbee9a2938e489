import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import InsightsReport from '../../src/ui/screens/insights/InsightsReport.svelte';
import { shownDay } from '../../src/ui/screens/insights/dates';
import { appContext } from '../../src/ui/context';
import { AppState } from '../../src/state/app.svelte';
import { appEnv } from '../../src/data/env';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import { registerShop, sellRings } from '../factories/register-shop';

// The charts (uPlot on a canvas) are not what is tested here; happy-dom has no canvas to draw on.
vi.mock('../../src/ui/screens/insights/uplot', () => ({ uplotChart: () => () => undefined }));

const ISO = /\d{4}-\d{2}-\d{2}/;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Insights dates as an owner reads them', () => {
  it('"Aug 4" this year, "Dec 30, 2025" another year; not a date: as it is', () => {
    expect(shownDay('2026-08-04', '2026-11-27')).toBe('Aug 4');
    expect(shownDay('2025-12-30', '2026-01-02')).toBe('Dec 30, 2025');
    expect(shownDay('2027-01-09', '2026-12-31')).toBe('Jan 9, 2027');
    expect(shownDay('soon', '2026-11-27')).toBe('soon');
  });

  it('the weekly sell-through table shows "Dec 26, 2026" and "Jan 2", never an ISO date; its CSV keeps ISO dates', async () => {
    // The ring arrives on Dec 20, 2026 in the "Winter frost" collection; today is Jan 6, 2027.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-20T15:00:00Z'));
    const env = appEnv();
    const shop = await registerShop(env);
    const winter = newId(env);
    await perform(env, 'collection.save', { id: winter, name: 'Winter frost', seasonEnd: '2027-02-28' });
    await perform(env, 'product.save', { id: shop.productId, patch: { collectionId: winter } });
    vi.setSystemTime(new Date('2027-01-06T15:00:00Z'));
    await sellRings(env, shop, 2);

    render(InsightsReport, { context: appContext(new AppState()) });
    const weeks = await screen.findByRole('table', { name: 'Week by week' }, { timeout: 5000 });
    const rows = within(weeks).getAllByRole('row').slice(1);
    const ends = rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent!.trim());
    expect(ends.slice(0, 2)).toEqual(['Dec 26, 2026', 'Jan 2']);
    expect(weeks.textContent).not.toMatch(ISO);
    // The other tables and lines with dates on the screen.
    expect(within(await screen.findByRole('table', { name: 'Collections by weeks since arrival' })).getByText('Dec 20, 2026')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Deliveries' })).getAllByText('Dec 20, 2026').length).toBeGreaterThan(0);
    expect(screen.getByText(/today is Jan 6\./)).toBeTruthy();
    for (const table of screen.getAllByRole('table')) expect(table.textContent).not.toMatch(ISO);

    // The CSV export: machine-readable ISO days.
    let csv: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => ((csv = blob as Blob), 'blob:weeks'));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await fireEvent.click(screen.getByRole('button', { name: 'Export Week by week as CSV' }));
    const lines = (await csv!.text()).trim().split(/\r?\n/);
    expect(lines[0]).toContain('Ends');
    expect(lines[1]).toContain('2026-12-26');
    expect(lines[2]).toContain('2027-01-02');
  });
});
