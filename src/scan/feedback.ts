// What a cashier hears and feels on a read: a short beep made by an oscillator (no audio file to
// cache or fetch) and a buzz where the device has a vibration motor. Both fail silently.

interface AudioContextConstructor {
  new (): AudioContext;
}

let context: AudioContext | undefined;

function audioContext(): AudioContext | undefined {
  if (context) return context;
  const Ctor =
    (globalThis as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext;
  if (!Ctor) return undefined;
  try {
    context = new Ctor();
  } catch {
    return undefined;
  }
  return context;
}

/**
 * Creates (or wakes) the audio context. Browsers only let sound start after a tap, so call this
 * from the tap that opens the camera; reads arrive later, outside any gesture.
 */
export function primeFeedback(): void {
  const audio = audioContext();
  if (audio?.state === 'suspended') audio.resume().catch(() => undefined);
}

export interface BeepOptions {
  /** Hz. Default 1800, a till-like chirp that carries over shop noise. */
  frequency?: number;
  /** ms. Default 90. */
  durationMs?: number;
  /** 0–1. Default 0.15. */
  volume?: number;
}

/** A short beep through WebAudio; nothing where there is no WebAudio. */
export function beep(options: BeepOptions = {}): void {
  const audio = audioContext();
  if (!audio) return;
  const { frequency = 1800, durationMs = 90, volume = 0.15 } = options;
  try {
    if (audio.state === 'suspended') audio.resume().catch(() => undefined);
    const start = audio.currentTime;
    const end = start + durationMs / 1000;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    // A few ms of ramp at each end, or the beep clicks.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(volume, start + 0.005);
    gain.gain.setValueAtTime(volume, end - 0.01);
    gain.gain.linearRampToValueAtTime(0, end);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(end);
    oscillator.onended = () => gain.disconnect();
  } catch {
    // A closed or broken audio device: the read still counts.
  }
}

/** A short buzz where the device can (phones; not iPad, not desktops). */
export function buzz(ms = 40): void {
  try {
    if (typeof navigator !== 'undefined') navigator.vibrate?.(ms);
  } catch {
    // Some browsers throw when not allowed.
  }
}

/** The signal for one read: a beep and a buzz. */
export function signalRead(): void {
  beep();
  buzz();
}
