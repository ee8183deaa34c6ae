/**
 * The whole bridge: `window.api` with `invoke` and `on`, exactly `VigilApi`. The renderer never
 * sees `ipcRenderer` itself, so it cannot reach any other channel.
 */
import type { EventName, EventPayload, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, VigilApi } from '@shared/contract';
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';

// Type-checked copies of the shared channel names: importing the values would pull the contract's
// zod schemas into a preload that only needs two strings.
const invokeChannel: typeof IPC_INVOKE_CHANNEL = 'vigil:invoke';
const eventChannel: typeof IPC_EVENT_CHANNEL = 'vigil:event';

const api: VigilApi = {
  invoke: (method, input) => ipcRenderer.invoke(invokeChannel, method, input),
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
    // Main sends every event on one channel; each subscriber sees only the one it asked for.
    const relay = (_event: IpcRendererEvent, name: unknown, payload: EventPayload<E>) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(eventChannel, relay);
    return () => {
      ipcRenderer.removeListener(eventChannel, relay);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
