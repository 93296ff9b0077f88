/** Data of the export, merge, backup and recovery panels. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { keys } from './keys';
import { shownByCaller, useApiMutation } from './mutation';

export const useBackups = (enabled: boolean) =>
  useQuery({ queryKey: keys.backups(), queryFn: () => api.invoke('backup:list', {}), enabled });
export const useBackupDiff = (fileName: string) =>
  useQuery({ queryKey: keys.backupDiff(fileName), queryFn: () => api.invoke('backup:diff', { fileName }) });
export const useConflicts = (enabled: boolean) =>
  useQuery({ queryKey: keys.conflicts(), queryFn: () => api.invoke('export:conflicts', {}), enabled });
export const useSettingConflicts = (enabled: boolean) =>
  useQuery({ queryKey: keys.settingConflicts(), queryFn: () => api.invoke('setting-conflicts:list', {}), enabled });
export const useAnalyst = () => useQuery({ queryKey: keys.analyst(), queryFn: () => api.invoke('export:analyst', {}) });

/** The newest backup that can replace a workspace set aside as damaged at `atMs` (it does not change meanwhile). */
export const useRecoveryBackup = (atMs: number | null) =>
  useQuery({
    queryKey: keys.recoveryBackup(atMs ?? 0),
    queryFn: () => api.invoke('workspace:recovery-backup', {}),
    enabled: atMs !== null,
    staleTime: Infinity,
  });

export const useSetAnalyst = () => useApiMutation('export:analyst', { toInput: (name: string) => ({ name }), onError: shownByCaller });
