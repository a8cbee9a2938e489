import { Cart } from './cart.svelte';
import { Connectivity } from './connectivity.svelte';
import { Notices } from './notices.svelte';
import { Router } from './router.svelte';
import { SettingsState } from './settings.svelte';
import { Theme } from './theme.svelte';
import { Updates } from './updates.svelte';
import { SyncStatus } from './sync.svelte';
import { LocationsState } from './locations.svelte';
import { CatalogState } from './catalog.svelte';
import { CatalogImport } from './catalog-import.svelte';
import { DemoShop } from './demo.svelte';
import { StaffSession } from './staff.svelte';
import { Register } from './register.svelte';
import { CustomersState } from './customers.svelte';
import { ReturnsState } from './returns.svelte';
import { ShiftState } from './shift.svelte';
import { LowStockCount } from './low-stock.svelte';
import type { Reservations } from './reservations.svelte';

/** Everything the screens share, built once at start-up and handed down through context. */
export class AppState {
  readonly router = new Router();
  readonly connectivity = new Connectivity();
  readonly theme = new Theme();
  readonly notices = new Notices();
  readonly cart = new Cart();
  readonly updates = new Updates(this.cart);
  readonly settings = new SettingsState();
  readonly sync = new SyncStatus(this.notices);
  readonly locations = new LocationsState();
  readonly catalog = new CatalogState();
  readonly catalogImport = new CatalogImport(this.notices);
  readonly demo = new DemoShop(this.notices);
  readonly staff = new StaffSession();
  readonly customers = new CustomersState();
  readonly returns = new ReturnsState(this.staff);
  readonly register = new Register(this.cart, {
    approve: (reason) => this.staff.requestApproval(reason),
    staffId: () => this.staff.staffId,
    pieceWarnings: async (candidate, settings) => (await this.reservations).warningsFor(candidate, settings),
    reservedElsewhere: () => this.#reservations?.reservedPieceIds() ?? [],
  });
  #reservations: Reservations | undefined;
  /** Pieces in carts shared with the other registers, and the offline warning (issue 8); loaded right after start-up (initial JS budget). */
  readonly reservations: Promise<Reservations> = import('./reservations.svelte').then(({ Reservations }) => {
    this.#reservations = new Reservations(this.cart, this.connectivity);
    this.#reservations.start(this.sync);
    return this.#reservations;
  });
  readonly shifts = new ShiftState(this.staff);
  readonly lowStock = new LowStockCount();
}
