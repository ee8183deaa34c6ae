import { useCallback, useEffect, useRef, useState } from 'react';
import type { AutosaveState } from './AutosaveIndicator';

export const AUTOSAVE_DELAY_MS = 400;

/**
 * Saves the latest values a short moment after the last keystroke; never holds unsaved state
 * longer than that. `save` resolves when the store has the values, or rejects with a message.
 */
export function useAutosave<T>(save: (values: T) => Promise<void>, describeError: (error: unknown) => string) {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<T | undefined>(undefined);
  /** The pending values leave some field in error: after saving them, say so rather than "saved". */
  const pendingInvalid = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const values = pending.current;
    if (values === undefined) return;
    pending.current = undefined;
    const invalid = pendingInvalid.current;
    setState({ kind: 'saving' });
    try {
      await saveRef.current(values);
      // A newer edit that arrived while saving keeps the indicator on "saving".
      if (pending.current === undefined) setState({ kind: invalid ? 'invalid' : 'saved' });
    } catch (error) {
      pending.current ??= values;
      setState({ kind: 'failed', message: describeError(error) });
    }
  }, [describeError]);

  const schedule = useCallback(
    (values: T, options: { invalid?: boolean } = {}) => {
      pending.current = values;
      pendingInvalid.current = options.invalid ?? false;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  // Leaving the screen, reloading or closing the window saves what was typed instead of dropping it.
  useEffect(() => {
    const onPageHide = () => void flush();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      void flush();
    };
  }, [flush]);

  return { state, schedule, flush };
}
