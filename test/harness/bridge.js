// Test-only bridge: gives the page the same `window.api` the Electron preload gives it, over HTTP
// to the harness on 127.0.0.1. Served by test/harness/server.ts; never part of the shipped app.
(() => {
  const base = location.pathname.replace(/[^/]*$/, '');
  const unreachable = (detail) => ({
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `Vigil's local service did not answer (${detail}). Is \`npm run web\` still running?`,
    },
  });
  const listeners = new Map();
  let source = null;
  const connect = () => {
    if (source) return;
    source = new EventSource(`${base}api/events`);
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
  };
  window.api = {
    async invoke(method, input) {
      try {
        const response = await fetch(`${base}api/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method, input }),
        });
        return await response.json();
      } catch (error) {
        return unreachable(String(error));
      }
    },
    on(event, listener) {
      connect();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
})();
