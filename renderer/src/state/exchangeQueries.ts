import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';

/** Query keys of the export, import and backup panels. */
export const exchangeKeys = {
  backups: () => ['backups'] as const,
  conflicts: () => ['conflicts'] as const,
  settingConflicts: () => ['conflicts', 'settings'] as const,
  analyst: () => ['analyst'] as const,
};

export const useBackups = (enabled: boolean) =>
  useQuery({ queryKey: exchangeKeys.backups(), queryFn: () => api.invoke('backup:list', {}), enabled });
export const useConflicts = (enabled: boolean) =>
  useQuery({ queryKey: exchangeKeys.conflicts(), queryFn: () => api.invoke('export:conflicts', {}), enabled });
export const useSettingConflicts = (enabled: boolean) =>
  useQuery({ queryKey: exchangeKeys.settingConflicts(), queryFn: () => api.invoke('setting-conflicts:list', {}), enabled });
export const useAnalyst = () => useQuery({ queryKey: exchangeKeys.analyst(), queryFn: () => api.invoke('export:analyst', {}) });

export function useSetAnalyst() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.invoke('export:analyst', { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: exchangeKeys.analyst() }),
  });
}

/** After an import, a merge resolution or a restore, every cached piece of workspace data may be stale. */
export function useInvalidateWorkspace() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries();
}
