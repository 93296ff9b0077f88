import { createClient, type Transport } from '../../shared/api/client';
import type { Envelope } from '../../shared/api/errors';
import type { OperationName } from '../../shared/api/contract';

type Bridge = Record<OperationName, (input: unknown) => Promise<Envelope<unknown>>>;

declare global {
  interface Window {
    workbench?: Bridge;
  }
}

/** Electron: the preload's bridge. */
function ipcTransport(bridge: Bridge): Transport {
  return (op, input) => bridge[op](input);
}

/** Browser mode: loopback HTTP with the per-run token from the address Parley printed. */
function httpTransport(): Transport {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) sessionStorage.setItem('parley-token', fromUrl);
  const token = fromUrl ?? sessionStorage.getItem('parley-token') ?? '';
  return async (op, input) => {
    let res: Response;
    try {
      res = await fetch(`/api/${encodeURIComponent(op)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-parley-token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'Parley is not answering. Is `npm start` still running?' } };
    }
    try {
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `Parley answered with HTTP ${res.status} and no readable body.` } };
    }
  };
}

export const api = createClient(window.workbench ? ipcTransport(window.workbench) : httpTransport());
export const transportName = window.workbench ? 'electron' : 'browser';
