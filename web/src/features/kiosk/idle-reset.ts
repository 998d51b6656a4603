// A kiosk goes back to its start on its own when nobody touches it for a while, so the next person never finds the
// last one's dues or receipt on the screen. The pause is `?idle=<seconds>` on any kiosk page (kept for the rest of
// the browser tab's life, so it survives the trip to KNET and back), else a minute. Every reset is announced with
// the `tasdeed:kiosk-reset` window event, which a kiosk's supervisor page (or a test) can listen for.
import { useEffect, useRef, useState } from 'react';

export const KIOSK_RESET_EVENT = 'tasdeed:kiosk-reset';
export const DEFAULT_IDLE_SECONDS = 60;
const STORAGE_KEY = 'tasdeed.kiosk.idle';
const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

function parseSeconds(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,4}$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds >= 1 && seconds <= 3600 ? seconds : undefined;
}

function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The idle pause in seconds: `?idle=` in the address (remembered for the tab), the remembered one, or the default. */
export function idleSecondsFrom(search: string): number {
  const given = parseSeconds(new URLSearchParams(search).get('idle'));
  const store = session();
  if (given !== undefined) {
    try {
      store?.setItem(STORAGE_KEY, String(given));
    } catch {
      // Storage full or refused: the pause applies to this page only.
    }
    return given;
  }
  try {
    return parseSeconds(store?.getItem(STORAGE_KEY)) ?? DEFAULT_IDLE_SECONDS;
  } catch {
    return DEFAULT_IDLE_SECONDS;
  }
}

/**
 * Calls `onIdle` once `seconds` pass with no touch, key or scroll while `active`; any activity starts the pause
 * again. Answers the seconds left, for the countdown on the screen.
 */
export function useIdleTimer(seconds: number, active: boolean, onIdle: () => void): number {
  const [left, setLeft] = useState(seconds);
  const callback = useRef(onIdle);
  callback.current = onIdle;

  useEffect(() => {
    if (!active) return undefined;
    let deadline = Date.now() + seconds * 1000;
    setLeft(seconds);
    const restart = () => {
      deadline = Date.now() + seconds * 1000;
      setLeft(seconds);
    };
    const tick = window.setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        window.clearInterval(tick);
        callback.current();
      }
    }, 250);
    for (const name of ACTIVITY) window.addEventListener(name, restart, { passive: true });
    return () => {
      window.clearInterval(tick);
      for (const name of ACTIVITY) window.removeEventListener(name, restart);
    };
  }, [seconds, active]);

  return left;
}

export function announceKioskReset(from: string): void {
  window.dispatchEvent(new CustomEvent(KIOSK_RESET_EVENT, { detail: { from } }));
}
