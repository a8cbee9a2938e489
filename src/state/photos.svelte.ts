import { appEnv } from '../data/env';
import { Live } from '../data/live.svelte';
import { addPhoto } from '../data/photos';
import { readPhoto, type PhotoView } from '../data/queries/photos';
import type { Env } from '../data/commands/perform';
import type { PhotoCodec } from '../data/photo-codec';

/** Photos as the screens use them: add one from a file or the camera, show one live. */
export class PhotoLibrary {
  constructor(
    private readonly env: Env = appEnv(),
    private readonly codec?: PhotoCodec,
  ) {}

  /** Downscales and stores `file`; resolves to the photo's id (the records' `photoIds` entry). */
  add(file: Blob): Promise<string> {
    return addPhoto(this.env, file, this.codec);
  }

  /** One photo, live: a placeholder turns into the picture when its download lands. */
  view(id: string, size: 'thumb' | 'full'): Live<PhotoView | undefined> {
    return new Live(() => readPhoto(this.env.db, id, size), undefined);
  }
}
