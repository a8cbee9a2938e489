import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import { perform, type Env } from '../data/commands/perform';
import { newId } from '../data/commands/ids';
import { listLocations, type LocationView } from '../data/queries/locations';
import type { LocationKind } from '../domain/locations';

export class LocationsState {
  readonly list: Live<LocationView[]>;

  constructor(private readonly env: Env = appEnv()) {
    this.list = new Live(() => listLocations(env.db), []);
  }

  add(name: string, kind: LocationKind): Promise<unknown> {
    return perform(this.env, 'location.save', { id: newId(this.env), name, kind });
  }

  rename(id: string, name: string): Promise<unknown> {
    return perform(this.env, 'location.save', { id, name });
  }
}
