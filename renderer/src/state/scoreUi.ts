import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MARKS_DEFAULTS, type MarksSettings } from '../../../shared/api/marksSettings';
import { api } from '../api';
import { keys } from './keys';
import { useApiMutation } from './mutation';
import { useUi } from './ui';

/**
 * The analyst's settings for reciprocity and escalation marks of the chosen
 * relationship, kept per relationship in the workspace (across reloads). A
 * change shows at once and is saved behind it; a refused save is said and undone.
 */
export function useMarksSettings() {
  const relationshipId = useUi((s) => s.relationshipId);
  const say = useUi((s) => s.say);
  const qc = useQueryClient();
  const key = keys.marksSettings(relationshipId ?? 0);
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.invoke('marks:settings', { relationshipId: relationshipId ?? 0 }),
    enabled: relationshipId !== null,
  });
  const save = useApiMutation('marks:save-settings', {
    toInput: (patch: Partial<MarksSettings>) => ({ relationshipId: relationshipId ?? 0, ...patch }),
    onMutate: (patch) => void qc.setQueryData<MarksSettings>(key, (old) => ({ ...(old ?? MARKS_DEFAULTS), ...patch })),
    onSuccess: (saved) => qc.setQueryData(key, saved),
    onError: (err) => {
      say('error', `The marks settings were not saved: ${(err).message}`);
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const value = query.data ?? MARKS_DEFAULTS;
  return {
    ...value,
    /** Whether the saved settings have arrived (an input showing them starts from them). */
    loaded: query.isSuccess,
    setWindowDays: (windowDays: number) => save.mutate({ windowDays }),
    setThresholds: (thresholds: number[]) => save.mutate({ thresholds }),
    setMetric: (metric: MarksSettings['metric']) => save.mutate({ metric }),
  };
}
