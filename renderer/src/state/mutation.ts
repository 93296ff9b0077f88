/**
 * The one mutation hook: every write the renderer makes goes through it, and
 * after a success it refreshes what the contract's table says the write made
 * stale (shared/api/invalidation.ts), so no component lists query keys.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { OperationName, OpInput, OpOutput } from '../../../shared/api/contract';
import { api } from '../api';
import { invalidateAfter } from './invalidate';
import { useUi } from './ui';

export interface ApiMutationOptions<K extends OperationName, V> {
  /** How the mutate argument becomes the operation's input (default: it is the input). */
  toInput?(variables: V): OpInput<K>;
  /** Before the request, e.g. an optimistic change of the cache. */
  onMutate?(variables: V): void;
  /** After the refresh (a message, a next step); the mutation settles once it has run. */
  onSuccess?(output: OpOutput<K>, variables: V): unknown;
  /** Instead of saying the error in the message bar (shownByCaller: the form shows it). */
  onError?(error: Error, variables: V): void;
}

/** An onError for a form that shows its error inline, from the mutation's `error` or its rejected mutateAsync. */
export const shownByCaller = (): void => undefined;

/** `op` is the write, or picks it from the mutate argument (undo or redo). */
export function useApiMutation<K extends OperationName, V = OpInput<K>>(op: K | ((variables: V) => K), options: ApiMutationOptions<K, V> = {}) {
  const qc = useQueryClient();
  const say = useUi((s) => s.say);
  const opOf = typeof op === 'function' ? op : () => op;
  const toInput = options.toInput ?? ((v: V) => v as unknown as OpInput<K>);
  return useMutation<OpOutput<K>, Error, V>({
    // The refresh is part of the write: the mutation settles once what it made stale has been fetched again.
    mutationFn: async (v) => {
      const name = opOf(v);
      const input = toInput(v);
      const output = await api.invoke(name, input);
      await invalidateAfter(qc, name, input, output);
      return output;
    },
    onMutate: options.onMutate,
    onSuccess: options.onSuccess,
    onError: options.onError ?? ((err) => say('error', err.message)),
  });
}

/** Refreshes what `op` made stale when its result arrives by another way than its own mutation (an import finishing while polled). */
export function useInvalidateAfter() {
  const qc = useQueryClient();
  return useCallback(
    <K extends OperationName>(op: K, input: OpInput<K>, output: OpOutput<K>) => invalidateAfter(qc, op, input, output),
    [qc],
  );
}

/**
 * A write, or a file made on request (an export), run from a form that awaits
 * `mutateAsync` and shows what went wrong itself; what the write made stale
 * is refreshed before the promise resolves.
 */
export const useApiAction = <K extends OperationName>(op: K) => useApiMutation(op, { onError: shownByCaller });
