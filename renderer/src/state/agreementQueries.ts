/** Data of coder layers, agreement and adjudication (shared/api/agreement.ts). */
import { useQuery } from '@tanstack/react-query';
import type { OpInput } from '../../../shared/api/contract';
import { api } from '../api';
import { keys } from './keys';

export const useLayers = () => useQuery({ queryKey: keys.layers(), queryFn: () => api.invoke('layers:list', {}) });

export const useAgreementReport = (input: OpInput<'agreement:report'>, enabled: boolean) =>
  useQuery({ queryKey: keys.agreement(input), queryFn: () => api.invoke('agreement:report', input), enabled, retry: false });

/** The disagreements left between the analyst's layer and `layerB`. */
export const useAdjudication = (layerA: string, layerB: string | null, enabled: boolean) =>
  useQuery({
    queryKey: keys.adjudication(layerB ?? ''),
    queryFn: () => api.invoke('adjudication:list', { layerA, layerB: layerB ?? '' }),
    enabled: enabled && layerB !== null,
  });
