import type { AppError, EventName, EventPayload, Method, MethodInput, MethodOutput, VigilApi } from '@shared/contract';

declare global {
  interface Window {
    /** Given by the Electron preload, or by the browser harness's bridge: the same shape either way. */
    api: VigilApi;
  }
}

export type ApiError = Error & { appError: AppError };

export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && 'appError' in error;
}

/** Calls a contract method; a refused call rejects with the contract's error attached. */
export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await window.api.invoke(method, input);
  if (result.ok) return result.value;
  throw Object.assign(new Error(result.error.message), { appError: result.error });
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api.on(event, listener);
}

/** Reports a renderer failure to the log file; never throws, never shows a stack. */
export function logError(message: string): void {
  window.api.invoke('log.write', { level: 'error', message: message.slice(0, 4000) }).catch(() => {});
}
