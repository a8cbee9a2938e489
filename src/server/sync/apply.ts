import { sql } from 'kysely';
import type { Insertable, Transaction } from 'kysely';
import { clockWrongCase } from '../../domain/cases';
import type { CaseRecord } from '../../domain/cases';
import { DomainError } from '../../domain/errors';
import { Hlc } from '../../domain/hlc';
import type { Mutation } from '../../domain/sync/mutation';
import type { MutationResult, MutationStatus } from '../../domain/sync/protocol';
import { isRestricted, loadMutations, mutations, prepare } from '../../domain/sync/registry';
import { assertMayRecord, pinsInUse } from '../../domain/roles';
import type { Staff, StaffRecord } from '../../domain/staff';
import type { DeviceRow } from '../auth/authenticate';
import { newId } from '../auth/secrets';
import type { MutationsTable, Schema } from '../store/schema';
import { createRecordStore, RecordCache } from './record-store';

/** Rows per multi-row INSERT: 10 columns × 500 stays far below both dialects' parameter limits. */
const INSERT_CHUNK = 500;

type Outcome = { status: Exclude<MutationStatus, 'duplicate'>; reason?: string; message?: string };

/**
 * Applies the new mutations of one push, in order, inside the push transaction (the shop row is
 * locked by the caller). Keeps the shop version and max HLC in memory and writes them once in
 * `finish`: nothing else can touch them while the lock is held, and it saves a round trip per
 * mutation.
 */
export class PushApplier {
  readonly #rows: Insertable<MutationsTable>[] = [];
  readonly #nowIso: string;
  #version: number;
  #maxHlc: string | null;
  #lastClamped: Hlc | undefined;
  #hasOpenClockCase: boolean | undefined;
  /** The shop's staff by id, read when a restricted mutation first needs it; dropped after a staff change. */
  #staff: Map<string, Staff> | undefined;
  /** Records this push read or wrote (record-store.ts): committed per mutation, forgotten on its rollback. */
  readonly #records = new RecordCache();

  constructor(
    private readonly trx: Transaction<Schema>,
    shop: { version: number; maxHlc: string | null },
    private readonly origin: DeviceRow,
    private readonly relayer: DeviceRow,
    private readonly now: number,
  ) {
    this.#version = shop.version;
    this.#maxHlc = shop.maxHlc;
    this.#nowIso = new Date(now).toISOString();
  }

  get version(): number {
    return this.#version;
  }

  async apply(mutation: Mutation, hash: string): Promise<MutationResult> {
    await loadMutations([mutation.name]);
    const hlc = this.#clamp(mutation.hlc);
    const clamped = hlc !== mutation.hlc;
    // A relayed owner-only change needs an owner at both ends: otherwise a staff token could
    // replay edits under an owner's device id (relaying accepts any device of the shop).
    const def = mutations.get(mutation.name);
    if (def?.ownerOnly === true && (this.origin.role !== 'owner' || this.relayer.role !== 'owner')) {
      if (clamped) await this.#flagClock(false);
      return this.#record(mutation, hash, {
        status: 'rejected',
        reason: 'owner-only',
        message: 'Only an owner device can make this change',
      });
    }

    await sql`savepoint mutation`.execute(this.trx);
    const version = this.#version + 1;
    try {
      const staffId = mutation.staffId ?? null;
      const meta = { hlc, occurredAt: mutation.occurredAt, deviceId: this.origin.id, staffId };
      const prepared = prepare(mutation.name, mutation.args, mutation.v);
      // Whatever the device says (its PINs are a convenience gate, §10): a price, cost, stock or
      // settings change recorded under a cashier — or under nobody once PINs are in use — is refused.
      if (isRestricted(prepared.def, prepared.args)) await this.#assertMayRecord(staffId);
      await prepared.def.apply(createRecordStore(this.trx, version, this.#records), prepared.args, meta);
      if (prepared.def.tables.includes('staff')) this.#staff = undefined;
    } catch (error) {
      // Only business outcomes are per-mutation; anything else (a database error) fails the push.
      if (!(error instanceof DomainError)) throw error;
      await sql`rollback to savepoint mutation`.execute(this.trx);
      this.#records.discard();
      await sql`release savepoint mutation`.execute(this.trx);
      // The clock is wrong even when the mutation is refused, so the flag outlives the rollback.
      if (clamped) await this.#flagClock(false);
      return this.#record(mutation, hash, { status: 'rejected', reason: error.reason, message: error.message });
    }
    await sql`release savepoint mutation`.execute(this.trx);
    this.#records.commit();
    this.#version = version;
    if (this.#maxHlc === null || hlc > this.#maxHlc) this.#maxHlc = hlc;
    if (!clamped) return this.#record(mutation, hash, { status: 'applied' }, version);
    await this.#flagClock(true);
    const flagged: Outcome = {
      status: 'flagged',
      reason: 'clock-ahead',
      message: 'The device clock is ahead of the server; its time was limited',
    };
    return this.#record(mutation, hash, flagged, version);
  }

  /** Throws `role-forbidden` / `staff-required` unless `staffId` may record a restricted mutation (roles.ts). */
  async #assertMayRecord(staffId: string | null): Promise<void> {
    if (this.#staff === undefined) {
      const rows = await this.trx.selectFrom('records').select(['id', 'data']).where('tbl', '=', 'staff').execute();
      this.#staff = new Map(rows.map((row) => [row.id, (JSON.parse(row.data) as StaffRecord).values]));
    }
    const staff = [...this.#staff.values()];
    assertMayRecord({ staffId, staff: staffId === null ? undefined : this.#staff.get(staffId), pinsInUse: pinsInUse(staff) });
  }

  /** Stores the processed mutations and moves the device's last id and the shop version on. */
  async finish(lastMutationId: number): Promise<void> {
    for (let i = 0; i < this.#rows.length; i += INSERT_CHUNK) {
      await this.trx
        .insertInto('mutations')
        .values(this.#rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    if (this.#rows.length === 0) return;
    await this.trx.updateTable('devices').set({ last_mutation_id: lastMutationId }).where('id', '=', this.origin.id).execute();
    await this.trx.updateTable('shop').set({ version: this.#version, max_hlc: this.#maxHlc }).execute();
  }

  #record(mutation: Mutation, hash: string, result: Outcome, version: number | null = null): MutationResult {
    this.#rows.push({
      device_id: this.origin.id,
      id: mutation.id,
      hash,
      name: mutation.name,
      v: mutation.v,
      status: result.status,
      reason: result.reason ?? null,
      message: result.message ?? null,
      version,
      received_at: this.#nowIso,
    });
    return { id: mutation.id, ...result };
  }

  /**
   * The HLC to apply with: clamped when its wall time runs more than MAX_DRIFT_MS ahead of the
   * server (§10 "clock wrong"). Clamping maps every such stamp to the same instant, so within a
   * push the counter is bumped to keep later edits winning over earlier ones.
   */
  #clamp(text: string): string {
    const { hlc, clamped } = Hlc.clamp(Hlc.parse(text), this.now);
    if (!clamped) return text;
    const last = this.#lastClamped;
    const next = last !== undefined && Hlc.compare(hlc, last) <= 0 ? { ...last, counter: last.counter + 1 } : hlc;
    this.#lastClamped = next;
    return Hlc.format(next);
  }

  /**
   * Marks the origin device's clock as wrong and opens one clock-wrong case for it unless one is
   * open. The case shares the version of the mutation just applied (`shareVersion`), so a version
   * still stands for one applied mutation; after a refusal it needs a version of its own.
   */
  async #flagClock(shareVersion: boolean): Promise<void> {
    if (this.#hasOpenClockCase === undefined) {
      await this.trx.updateTable('devices').set({ clock_wrong_at: this.#nowIso }).where('id', '=', this.origin.id).execute();
      this.#hasOpenClockCase = await this.#findOpenClockCase();
    }
    if (this.#hasOpenClockCase) return;
    if (!shareVersion) this.#version += 1;
    const record = clockWrongCase(newId(), this.origin.id, this.origin.name, this.#nowIso);
    await createRecordStore(this.trx, this.#version).put('cases', record);
    this.#hasOpenClockCase = true;
  }

  async #findOpenClockCase(): Promise<boolean> {
    const concern = `devices/${this.origin.id}`;
    // Cases are few (an inbox a person clears); the LIKE only narrows the rows parsed here.
    const rows = await this.trx
      .selectFrom('records')
      .select('data')
      .where('tbl', '=', 'cases')
      .where('data', 'like', '%clock-wrong%')
      .execute();
    return rows.some((row) => {
      const found = JSON.parse(row.data) as Partial<CaseRecord>;
      return found.type === 'clock-wrong' && found.status === 'open' && (found.concerns ?? []).includes(concern);
    });
  }
}
