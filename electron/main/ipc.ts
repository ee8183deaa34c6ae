/**
 * The Electron transport: one invoke channel into the core's router, one event channel out. The
 * router parses every input with the contract, so this file only decides who may ask.
 */

import {
  type EventName,
  type EventPayload,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isAsyncMethod,
  type MethodOutput,
  type Result,
} from '@shared/contract';
import { type BrowserWindow, ipcMain } from 'electron';
import type { Logger } from '../core/log';
import type { Router } from '../core/router';
import { isTrustedSender } from './security';

export const UNTRUSTED_SENDER_RESULT = {
  ok: false,
  error: { code: 'INTERNAL', message: 'This request did not come from the Vigil window and was refused.' },
} as const satisfies Result<never>;

export type IpcOptions = {
  router: Router;
  appUrl: string;
  log: Logger;
  /** Told after each successful `settings.update`, so main can follow the language (the menu). */
  onSettingsUpdated?: (settings: MethodOutput<'settings.update'>) => void;
};

export function handleInvoke(
  { router, appUrl, log, onSettingsUpdated }: IpcOptions,
  // Only the sender's frame matters here; an `IpcMainInvokeEvent` is one of these.
  event: { senderFrame: { url: string } | null },
  method: unknown,
  input: unknown,
): Result<unknown> | Promise<Result<unknown>> {
  const frameUrl = event.senderFrame?.url;
  if (!isTrustedSender(frameUrl, appUrl)) {
    log('warn', 'refused IPC from an untrusted frame', { method: String(method), frameUrl: frameUrl ?? null });
    return UNTRUSTED_SENDER_RESULT;
  }
  // Evidence ingest re-encodes images in a worker: those few methods answer with a promise.
  if (isAsyncMethod(method)) return router.invokeAsync(method, input);
  const result = router.invoke(method, input);
  if (method === 'settings.update' && result.ok && onSettingsUpdated) {
    try {
      // The router's settings.update answers with the settings as now stored.
      onSettingsUpdated(result.value as MethodOutput<'settings.update'>);
    } catch (error) {
      // The settings are saved; a menu that failed to rebuild must not turn that into an error.
      log('error', 'settings listener failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

export function registerIpc(options: IpcOptions): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, input: unknown) =>
    handleInvoke(options, event, method, input),
  );
}

export function sendEvent<E extends EventName>(window: BrowserWindow | null, event: E, payload: EventPayload<E>): void {
  // Events raised while the window is closing (a last autosave) have nobody left to tell.
  if (!window || window.isDestroyed()) return;
  window.webContents.send(IPC_EVENT_CHANNEL, event, payload);
}
