/**
 * The renderer's only way to the workspace: a typed client over a transport.
 * Electron's preload and browser mode's HTTP each provide a transport; the
 * client cannot tell them apart.
 */
import type { Envelope } from './errors';
import { ApiError } from './errors';
import type { OperationName, OpInput, OpOutput } from './contract';

export type Transport = (op: OperationName, input: unknown) => Promise<Envelope<unknown>>;

export interface ApiClient {
  invoke<K extends OperationName>(op: K, input: OpInput<K>): Promise<OpOutput<K>>;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async invoke(op, input) {
      const envelope = await transport(op, input);
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
      return envelope.value as OpOutput<typeof op>;
    },
  };
}
