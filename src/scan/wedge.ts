// Keyboard-wedge scanners (USB or Bluetooth HID) "type" a code as a fast burst of keys ending in
// Enter (or Tab), into whatever has focus. This tells such a burst from a person typing, wherever
// focus is, without dropping or doubling a character and without leaving the code in a text field
// (the known bugs of other tills: PRODUCT.md). The decision is a pure state machine, fed key times;
// `attachWedge` is the thin layer that applies its decisions to real events and fields.
//
// The hazard: the first key of a burst cannot be told from a person's keystroke, so it reaches the
// focused field. From the second fast key on, keys are held back (cancelled); if Enter confirms a
// scan, the field is put back as it was before the first key; if the burst turns out to be a person
// (a slow gap, another key, or silence), the held keys are typed into the field after all.

export interface WedgeOptions {
  /**
   * Longest gap (ms) between two keys of one burst. USB scanners send a key every 1–20 ms; a
   * Bluetooth link delivers keys in packets up to ~45 ms apart. Even the fastest typist does not
   * keep four keys and Enter this close together. Default 50.
   */
  maxGapMs?: number;
  /** Fewest characters in a scan (before Enter). Default 4. */
  minLength?: number;
  /** Silence (ms) after which held keys are given back as typing. Default 100. */
  idleMs?: number;
}

/** What the machine needs of a keydown. */
export interface WedgeKey {
  key: string;
  /** ms, any monotonic clock (a KeyboardEvent's timeStamp). */
  timeStamp: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
}

/** The decision for one key (or for a timeout). Apply in this order: flush, mark, key, scan. */
export interface WedgeStep {
  /** Held keys were typing after all: type this into the focused field, before this key acts. */
  flush?: string;
  /** This key may start a burst: remember the focused field (value and caret) as it is now. */
  mark?: boolean;
  /** `pass`: the key does what it always does. `swallow`: cancel it, it belongs to a burst. */
  key: 'pass' | 'swallow';
  /** A complete scan. Its first key reached the field: put the field back as it was at the mark. */
  scan?: string;
}

type State =
  | { kind: 'idle' }
  /** One printable key passed through: it may be the first of a burst. */
  | { kind: 'candidate'; first: string; at: number }
  /** At least two fast keys: `first` passed through, `held` were cancelled. */
  | { kind: 'burst'; first: string; held: string; at: number };

/** Keys that only modify others: they neither break a burst nor belong to it. */
const MODIFIERS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'FnLock',
  'Hyper',
  'Super',
  'Symbol',
  'SymbolLock',
]);

const isPrintable = (key: string) => [...key].length === 1;

export class WedgeDetector {
  readonly #maxGapMs: number;
  readonly #minLength: number;
  readonly idleMs: number;
  #state: State = { kind: 'idle' };

  constructor(options: WedgeOptions = {}) {
    this.#maxGapMs = options.maxGapMs ?? 50;
    this.#minLength = options.minLength ?? 4;
    this.idleMs = options.idleMs ?? 100;
  }

  /** Whether keys are being held back: the caller then owes a `timeout()` after `idleMs` of silence. */
  get holding(): boolean {
    return this.#state.kind === 'burst';
  }

  key(event: WedgeKey): WedgeStep {
    const { key, timeStamp: now } = event;
    if (MODIFIERS.has(key)) return { key: 'pass' };
    const state = this.#state;
    const fast = state.kind !== 'idle' && now - state.at <= this.#maxGapMs;
    // Shortcuts, held-down keys and IME input are people, never scanners.
    const human = event.ctrlKey || event.altKey || event.metaKey || event.repeat || event.isComposing;

    if (!human && isPrintable(key)) {
      if (state.kind === 'burst' && fast) {
        state.held += key;
        state.at = now;
        return { key: 'swallow' };
      }
      if (state.kind === 'candidate' && fast) {
        this.#state = { kind: 'burst', first: state.first, held: key, at: now };
        return { key: 'swallow' };
      }
      this.#state = { kind: 'candidate', first: key, at: now };
      return { ...this.#release(state), mark: true, key: 'pass' };
    }

    if (!human && !event.shiftKey && (key === 'Enter' || key === 'Tab') && state.kind === 'burst' && fast) {
      const code = state.first + state.held;
      if (code.length >= this.#minLength) {
        this.#state = { kind: 'idle' };
        return { key: 'swallow', scan: code };
      }
    }

    // Any other key (Backspace, arrows, a slow or early Enter…) ends a burst as typing.
    this.#state = { kind: 'idle' };
    return { ...this.#release(state), key: 'pass' };
  }

  /** Silence since the last key: a burst that never ended in Enter was typing. */
  timeout(): WedgeStep {
    const state = this.#state;
    this.#state = { kind: 'idle' };
    return { ...this.#release(state), key: 'pass' };
  }

  #release(state: State): Pick<WedgeStep, 'flush'> {
    return state.kind === 'burst' ? { flush: state.held } : {};
  }
}

export interface AttachWedgeOptions extends WedgeOptions {
  /**
   * Keys for which this is true go through untouched (ending any burst as typing). Default: keys
   * aimed at an element inside `[data-wedge="off"]`, e.g. a barcode field that wants the raw code.
   */
  ignore?: (event: KeyboardEvent) => boolean;
  /** Time of a key in ms. Default: the event's own timeStamp (when the key was pressed). */
  clock?: () => number;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

interface Mark {
  field: TextField;
  value: string;
  start: number | null;
  end: number | null;
  direction: 'forward' | 'backward' | 'none' | null;
}

const TEXT_TYPES = new Set(['text', 'search', 'url', 'tel', 'password', 'email', 'number']);

function asTextField(element: Element | null | undefined): TextField | undefined {
  if (!element) return undefined;
  if (element.tagName === 'TEXTAREA') return element as HTMLTextAreaElement;
  if (element.tagName === 'INPUT' && TEXT_TYPES.has((element as HTMLInputElement).type)) return element as HTMLInputElement;
  return undefined;
}

/** The focused element, looking inside shadow roots. */
function focused(doc: Document): Element | null {
  let element = doc.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

function selection(field: TextField): Pick<Mark, 'start' | 'end' | 'direction'> {
  try {
    return { start: field.selectionStart, end: field.selectionEnd, direction: field.selectionDirection };
  } catch {
    return { start: null, end: null, direction: null }; // email and number inputs have no caret API
  }
}

function notifyInput(field: TextField, inputType: string, data: string | null): void {
  const event =
    typeof InputEvent === 'function' ? new InputEvent('input', { bubbles: true, inputType, data }) : new Event('input', { bubbles: true });
  field.dispatchEvent(event);
}

/** Types `text` at the caret as a person's keys would have (undo history and input events included). */
function typeInto(doc: Document, field: TextField, text: string): void {
  try {
    if (doc.execCommand?.('insertText', false, text)) return;
  } catch {
    // Not supported here: fall through.
  }
  const { start, end } = selection(field);
  if (start !== null && end !== null) field.setRangeText(text, start, end, 'end');
  else field.value += text;
  notifyInput(field, 'insertText', text);
}

function restore(mark: Mark): void {
  const { field } = mark;
  if (!field.isConnected || field.value === mark.value) return;
  field.value = mark.value;
  try {
    if (mark.start !== null && mark.end !== null) field.setSelectionRange(mark.start, mark.end, mark.direction ?? undefined);
  } catch {
    // No caret API on this input type.
  }
  // Bindings (Svelte's bind:value, oninput handlers) learn the value from this event.
  notifyInput(field, 'deleteContentBackward', null);
}

/** Keys aimed at anything inside `[data-wedge="off"]` (a field that wants the raw code) are not watched. */
export const insideOptOut = (event: KeyboardEvent) => {
  const target = event.composedPath?.()[0] ?? event.target;
  return typeof (target as Element | null)?.closest === 'function' && (target as Element).closest('[data-wedge="off"]') !== null;
};

/**
 * Listens for keyboard-wedge scans on `target` (the window or document), ahead of every other
 * listener (capture phase). `onScan` gets each code once; the burst's keys never reach the page.
 * Returns a function that detaches it.
 */
export function attachWedge(target: Window | Document, onScan: (code: string) => void, options: AttachWedgeOptions = {}): () => void {
  const doc: Document = 'defaultView' in target ? target : target.document;
  const detector = new WedgeDetector(options);
  const ignore = options.ignore ?? insideOptOut;
  let mark: Mark | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const apply = (step: WedgeStep, event?: KeyboardEvent) => {
    const field = asTextField(focused(doc));
    if (step.flush && field) typeInto(doc, field, step.flush);
    if (step.mark) mark = field ? { field, value: field.value, ...selection(field) } : undefined;
    if (step.key === 'swallow' && event) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    if (step.scan !== undefined) {
      if (mark) restore(mark);
      mark = undefined;
      onScan(step.scan);
    }
    clearTimeout(timer);
    timer = detector.holding ? setTimeout(() => apply(detector.timeout()), detector.idleMs) : undefined;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (ignore(event)) return apply(detector.timeout());
    apply(
      detector.key({
        key: event.key,
        timeStamp: options.clock ? options.clock() : event.timeStamp,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        repeat: event.repeat,
        isComposing: event.isComposing,
      }),
      event,
    );
  };

  target.addEventListener('keydown', onKeyDown as EventListener, { capture: true });
  return () => {
    target.removeEventListener('keydown', onKeyDown as EventListener, { capture: true });
    apply(detector.timeout()); // give back anything still held
    clearTimeout(timer);
  };
}
