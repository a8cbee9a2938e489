import { LAYOUTS, type LayoutId, type Symbology } from '../../../../domain/catalog/labels';

/** `?items=<id>,<id>` → the ids, each once, in the order given. */
export function itemIdsFrom(query: URLSearchParams): string[] {
  const list = query.get('items') ?? '';
  return [
    ...new Set(
      list
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

export interface LabelChoices {
  layout: LayoutId;
  symbology: Symbology;
}

const KEY = 'trove.labels';
const DEFAULTS: LabelChoices = { layout: 'tag', symbology: 'code128' };

/** The last layout and bar code used on this device: a shop has one label printer, not one per job. */
export function loadChoices(storage: Storage = localStorage): LabelChoices {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<LabelChoices>;
    return {
      layout: saved.layout && saved.layout in LAYOUTS ? saved.layout : DEFAULTS.layout,
      symbology: saved.symbology === 'qr' || saved.symbology === 'code128' ? saved.symbology : DEFAULTS.symbology,
    };
  } catch {
    return DEFAULTS; // unreadable or blocked storage: the defaults are fine
  }
}

export function saveChoices(choices: LabelChoices, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(choices));
  } catch {
    // Private mode or a full disk: remembering the layout is a convenience, not worth an error.
  }
}
