import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachWedge } from '../../src/scan/wedge';

/**
 * A keyboard in happy-dom: dispatches keydown at the focused element and, unless a listener
 * cancelled it, does what a browser would (a printable key types at the caret; Enter is counted).
 */
function keyboard() {
  const enters: EventTarget[] = [];
  const seenByPage: string[] = [];
  document.addEventListener('keydown', (e) => seenByPage.push(e.key)); // an ordinary (bubbling) page listener
  const press = (key: string, gapMs: number, init: KeyboardEventInit = {}) => {
    vi.advanceTimersByTime(gapMs);
    const target = document.activeElement ?? document.body;
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    if (event.defaultPrevented) return;
    if (target instanceof HTMLInputElement && [...key].length === 1 && !init.ctrlKey) {
      const start = target.selectionStart ?? target.value.length;
      const end = target.selectionEnd ?? start;
      target.setRangeText(key, start, end, 'end');
      target.dispatchEvent(new Event('input', { bubbles: true }));
    }
    if (key === 'Enter') enters.push(target);
  };
  const type = (text: string, gapMs: number) => [...text].forEach((key) => press(key === '\n' ? 'Enter' : key, gapMs));
  return { press, type, enters, seenByPage };
}

describe('attachWedge', () => {
  let detach: () => void = () => undefined;
  let scans: string[];
  let input: HTMLInputElement;
  let inputs: string[];

  beforeEach(() => {
    vi.useFakeTimers();
    scans = [];
    document.body.innerHTML = '<form><label>Search <input type="search" name="q" /></label></form>';
    input = document.querySelector('input')!;
    inputs = [];
    input.addEventListener('input', () => inputs.push(input.value));
    detach = attachWedge(window, (code) => scans.push(code), { clock: () => Date.now() });
  });

  afterEach(() => {
    detach();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('a burst into a focused input: the code is emitted once and the input is left as it was', () => {
    const kb = keyboard();
    input.focus();
    kb.type('TROVE-SCAN-0001\n', 5);
    expect(scans).toEqual(['TROVE-SCAN-0001']);
    expect(input.value).toBe('');
    expect(kb.enters).toEqual([]); // the Enter did not submit the search
    // The page's own listeners saw the first key only (before it could be known), never the rest.
    expect(kb.seenByPage).toEqual(['T']);
    // Bindings heard the first key arrive and then leave.
    expect(inputs).toEqual(['T', '']);
    vi.advanceTimersByTime(1000);
    expect(scans).toHaveLength(1);
  });

  it('keeps what was typed before the burst, caret included', () => {
    const kb = keyboard();
    input.focus();
    kb.type('opal', 200);
    input.setSelectionRange(2, 2);
    vi.advanceTimersByTime(1000); // picks up the scanner
    kb.type('4006381333931\n', 8);
    expect(scans).toEqual(['4006381333931']);
    expect(input.value).toBe('opal');
    expect([input.selectionStart, input.selectionEnd]).toEqual([2, 2]);
  });

  it('slow typing of the same characters types normally and never scans', () => {
    const kb = keyboard();
    input.focus();
    kb.type('TROVE-SCAN-0001\n', 150);
    expect(scans).toEqual([]);
    expect(input.value).toBe('TROVE-SCAN-0001');
    expect(kb.enters).toEqual([input]);
    expect(kb.seenByPage.join('')).toBe('TROVE-SCAN-0001Enter');
  });

  it('a fast burst that never ends in Enter is typing: the held keys appear once it goes quiet', () => {
    const kb = keyboard();
    input.focus();
    kb.type('abcdef', 10);
    expect(input.value).toBe('a'); // the rest is held while it still could be a scan
    vi.advanceTimersByTime(150);
    expect(input.value).toBe('abcdef');
    expect(scans).toEqual([]);
  });

  it('a typist’s fast pair followed by a slow key keeps the order', () => {
    const kb = keyboard();
    input.focus();
    kb.press('t', 0);
    kb.press('h', 20);
    kb.press('e', 120);
    expect(input.value).toBe('the');
    expect(scans).toEqual([]);
  });

  it('catches a scan with focus outside any field, and the Enter presses nothing', () => {
    const kb = keyboard();
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    kb.type('RNG-000123\n', 4);
    expect(scans).toEqual(['RNG-000123']);
    expect(kb.enters).toEqual([]);
  });

  it('ignores keys with Ctrl', () => {
    const kb = keyboard();
    input.focus();
    for (const key of 'ABCDEF') kb.press(key, 3, { ctrlKey: true });
    kb.press('Enter', 3, { ctrlKey: true });
    expect(scans).toEqual([]);
  });

  it('lets keys through untouched inside [data-wedge="off"]', () => {
    document.body.insertAdjacentHTML('beforeend', '<div data-wedge="off"><input id="raw" /></div>');
    const raw = document.getElementById('raw') as HTMLInputElement;
    const kb = keyboard();
    raw.focus();
    kb.type('RNG-000123\n', 4);
    expect(scans).toEqual([]);
    expect(raw.value).toBe('RNG-000123');
  });

  it('stops listening when detached', () => {
    detach();
    const kb = keyboard();
    input.focus();
    kb.type('RNG-000123\n', 4);
    expect(scans).toEqual([]);
    expect(input.value).toBe('RNG-000123');
  });
});
