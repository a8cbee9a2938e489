import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import { readSyncView, readToken, openCases, type SyncView } from '../data/queries/sync';
import { perform, type Env } from '../data/commands/perform';
import { SyncHttpError, httpTransport, type Transport } from '../sync/http';
import { pairDevice } from '../sync/pairing';
import { runSync, SYNC_TAG } from '../sync/run';
import { SyncScheduler } from '../sync/scheduler';
import { listenForServerEvents } from '../sync/events';
import type { Notices } from './notices.svelte';
import type { CaseRecord } from '../domain/cases';
import { roleRefusalNotice } from '../domain/roles';
import type { DeviceInfo } from '../domain/sync/protocol';

/**
 * Sync as the page sees it: status for Settings, pairing, device admin for owners, and the
 * scheduler that decides when to run. The service worker runs the same `runSync`.
 */
export class SyncStatus {
  readonly view: Live<SyncView>;
  readonly cases: Live<CaseRecord[]>;
  running = $state(false);
  devices = $state.raw<DeviceInfo[]>([]);
  readonly scheduler: SyncScheduler;
  readonly #transport: Transport;
  #token: string | undefined;
  /** Told of every server event (piece reservations listen for `hello` and `reservations`). */
  onServerEvent: (name: string, data: string) => void = () => undefined;

  constructor(
    private readonly notices: Notices,
    private readonly env: Env = appEnv(),
    private readonly origin: string = location.origin,
    private readonly runner: typeof runSync = runSync,
  ) {
    this.view = new Live(() => readSyncView(env.db), { paired: false, pending: 0 });
    this.cases = new Live(() => openCases(env.db), []);
    this.#transport = httpTransport(origin);
    this.scheduler = new SyncScheduler(() => this.#run());
    env.onWrite = () => {
      this.scheduler.soon();
      void this.#registerBackgroundSync();
    };
  }

  /** Starts the page's triggers: now, online, visible, server events. */
  start(win: Window): void {
    this.scheduler.listen(win);
    this.scheduler.trigger();
    listenForServerEvents(
      `${this.origin}/v1/sync/events`,
      () => this.#token,
      () => this.scheduler.trigger(),
      undefined,
      (name, data) => this.onServerEvent(name, data),
    );
  }

  async #run(): Promise<void> {
    this.#token = await readToken(this.env.db);
    if (!this.#token) return;
    this.running = true;
    try {
      const outcome = await this.runner(this.env, this.origin);
      for (const r of outcome.rejected)
        this.notices.show(
          r.reason === 'role-forbidden' || r.reason === 'staff-required'
            ? roleRefusalNotice(r.row.name, r.message)
            : `A change was refused by the server and undone (${r.row.name}): ${r.message}`,
          'error',
        );
      const failed = outcome.photos.failed;
      if (failed.length > 0)
        this.notices.show(
          `${failed.length} photo${failed.length === 1 ? ' was' : 's were'} refused by the server: ${failed[0]!.message}`,
          'error',
        );
    } finally {
      this.running = false;
      this.#token = await readToken(this.env.db);
    }
  }

  async pair(code: string, deviceName: string): Promise<void> {
    await pairDevice({ db: this.env.db, random: this.env.random, transport: this.#transport }, code, deviceName);
    this.scheduler.trigger();
  }

  syncNow(): void {
    this.scheduler.trigger();
  }

  resolveCase(id: string, resolution: string): Promise<unknown> {
    return perform(this.env, 'case.resolve', { id, resolution });
  }

  async #owner<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const token = await readToken(this.env.db);
    if (!token) throw new SyncHttpError(0, 'not-paired', 'Pair this device first');
    return this.#transport.request<T>(method, path, body, token);
  }

  async loadDevices(): Promise<void> {
    this.devices = (await this.#owner<{ devices: DeviceInfo[] }>('GET', '/v1/devices')).devices;
  }

  async newPairingCode(role: 'owner' | 'staff'): Promise<{ code: string; expiresAt: string }> {
    return this.#owner('POST', '/v1/devices/pairing-codes', { role });
  }

  async revoke(deviceId: string): Promise<void> {
    await this.#owner('DELETE', `/v1/devices/${encodeURIComponent(deviceId)}`);
    await this.loadDevices();
  }

  async #registerBackgroundSync(): Promise<void> {
    // Background Sync (Chromium): the worker flushes the outbox even if this page closes.
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register(SYNC_TAG).catch(() => undefined);
  }
}
