import { format, parseISO, startOfYear, subDays } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { appEnv } from '../data/env';
import type { Env } from '../data/commands/perform';
import { perform } from '../data/commands/perform';
import { createReorderDrafts } from '../data/commands/purchase-orders';
import { setPrices } from '../data/commands/prices';
import { readSettings } from '../data/queries/settings';
import { dimsOf, loadRollups } from '../data/insights/rollups';
import { refreshItemClasses } from '../data/insights/classes';
import { abcSettingsOf, seasonOf } from '../domain/insights/shop-settings';
import { DEFAULT_SEASON, type SeasonSettings } from '../domain/insights/seasonal';
import {
  abcReport,
  agingReport,
  clampPeriod,
  kpiReport,
  movementReport,
  readCatalogue,
  reorderReport,
  supplierReport,
  type Catalogue,
  type ReorderGroup,
  type Scope,
} from '../data/insights/report';
import type { Rollups } from '../domain/insights/rollups';

export type Preset = '30' | '90' | '365' | 'year' | 'custom';

/**
 * The Insights screen's state: the rollups (the stored item-day rows, kept current by every write
 * and pull, read when the screen opens and after a write made from it — built from scratch only
 * when none are stored; see data/insights/rollups.ts), the period and scope picked, and the reports derived.
 */
export class InsightsState {
  rollups = $state.raw<Rollups | null>(null);
  catalogue = $state.raw<Catalogue | null>(null);
  today = $state('');
  timeZone = $state('UTC');
  preset = $state<Preset>('90');
  customFrom = $state('');
  customTo = $state('');
  scope = $state<Scope>({ kind: 'shop', key: 'all' });
  loading = $state(false);
  /** Settles when the ABC classes of the last load are stored (they are written after the figures show). */
  classesStored: Promise<void> = Promise.resolve();

  constructor(private readonly env: Env = appEnv()) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      const settings = await readSettings(this.env.db);
      this.timeZone = settings.timeZone;
      this.today = format(new TZDate(this.env.clock.now(), settings.timeZone), 'yyyy-MM-dd');
      // The catalogue and the stored rollups are read at the same time; the catalogue holds each
      // item's category, collection and supplier, which the rollups' dense series then need.
      const catalogue = readCatalogue(this.env.db);
      const [c, r] = await Promise.all([catalogue, loadRollups(this.env.db, this.today, this.timeZone, catalogue.then(dimsOf))]);
      this.rollups = r;
      this.catalogue = c;
      this.abcSettings = abcSettingsOf(settings);
      this.season = seasonOf(settings);
      // Each item's ABC class, stored on this device from the rollups just built (data/insights/classes.ts),
      // after the screen has its figures: the owner does not wait for it.
      this.classesStored = refreshItemClasses(this.env.db, r, this.today, settings).then(
        () => undefined,
        () => undefined,
      );
      if (!this.customFrom) {
        this.customFrom = this.period.from;
        this.customTo = this.period.to;
      }
    } finally {
      this.loading = false;
    }
  }

  /** The period picked (date-fns on the shop's calendar day), clamped to what the rollups cover. */
  get period(): { from: string; to: string } {
    const today = this.today;
    if (!today) return { from: '', to: '' };
    const day = parseISO(today);
    const iso = (d: Date) => format(d, 'yyyy-MM-dd');
    let p: { from: string; to: string };
    if (this.preset === 'year') p = { from: `${format(startOfYear(day), 'yyyy')}-01-01`, to: today };
    else if (this.preset === 'custom') p = { from: this.customFrom || today, to: this.customTo || today };
    else p = { from: iso(subDays(day, Number(this.preset) - 1)), to: today };
    if (p.to < p.from) p = { from: p.to, to: p.from };
    return this.rollups ? clampPeriod(this.rollups, p.from, p.to) : p;
  }

  kpis = $derived.by(() =>
    this.rollups && this.catalogue ? kpiReport(this.rollups, this.catalogue, this.scope, this.period.from, this.period.to) : null,
  );
  /** The shop's markdown (% off) and season-end window (Settings → Insights). */
  season = $state.raw<SeasonSettings>(DEFAULT_SEASON);
  /** The shop's ABC settings (read on load) and the screen's "by revenue / by margin" toggle (null: the setting). */
  abcSettings = $state.raw<{ a: number; b: number; c: number; by: 'revenue' | 'margin' }>({ a: 80, b: 15, c: 5, by: 'revenue' });
  abcBy = $state<'revenue' | 'margin' | null>(null);
  abc = $derived.by(() =>
    this.rollups && this.catalogue
      ? abcReport(this.rollups, this.catalogue, this.period.from, this.period.to, this.abcBy ?? this.abcSettings.by, this.abcSettings)
      : null,
  );
  reorder = $derived.by(() => (this.rollups && this.catalogue ? reorderReport(this.rollups, this.catalogue, this.today) : []));
  movement = $derived.by(() =>
    this.rollups && this.catalogue ? movementReport(this.rollups, this.catalogue, this.today, this.season.offBp) : { slow: [], dead: [] },
  );
  aging = $derived.by(() => (this.catalogue ? agingReport(this.catalogue, this.today, this.timeZone) : []));
  suppliers = $derived.by(() =>
    this.rollups && this.catalogue ? supplierReport(this.rollups, this.catalogue, this.period.from, this.period.to) : [],
  );

  /** The "order now" list as draft purchase orders (one per supplier), through the Low stock command. */
  async createDrafts(groups: readonly ReorderGroup[]): Promise<{ created: string[]; skipped: string[] }> {
    const rows = groups.flatMap((g) =>
      g.lines.map((l) => ({
        itemId: l.itemId,
        onHand: l.available,
        reorderPoint: l.reorderPoint,
        reorderQty: l.quantity,
        supplierId: g.supplierId,
        supplierSku: l.supplierSku,
        lastCost: l.lastCost,
      })),
    );
    return createReorderDrafts(this.env, rows);
  }

  /** Sets an item's price in one step (a markdown, or its revert): `item.save`, a manager's mutation. */
  async setPrice(itemId: string, price: number): Promise<void> {
    await perform(this.env, 'item.save', { id: itemId, patch: { price } });
    await this.load();
  }

  /** Several prices in one step (a collection's markdown, or its revert): all or none, one reload. */
  async setPrices(changes: readonly { itemId: string; price: number }[]): Promise<void> {
    try {
      await setPrices(this.env, changes);
    } finally {
      await this.load();
    }
  }
}
