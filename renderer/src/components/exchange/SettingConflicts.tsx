import type { SettingConflict } from '../../../../shared/api/settingConflicts';
import { useApiAction } from '../../state/mutation';

/** What a merge found different in weights, grades, factors and event groups: keep mine or keep theirs. */
export function SettingConflicts({ items, onError }: { items: SettingConflict[]; onError(message: string): void }) {
  const resolveConflict = useApiAction('setting-conflicts:resolve');
  if (items.length === 0) return null;
  const resolve = async (id: number, keep: 'ours' | 'theirs') => {
    try {
      await resolveConflict.mutateAsync({ id, keep });
    } catch (err) {
      onError((err as Error).message);
    }
  };
  return (
    <section aria-label="Setting conflicts">
      <h3>Settings to decide ({items.length})</h3>
      <p className="export-muted">Until you choose, your value counts; the colleague’s is kept here.</p>
      <ul className="export-conflicts">
        {items.map((c) => (
          <li key={c.id} data-kind={c.kind}>
            <strong>{c.label}</strong> <span className="export-muted">from {c.origin}</span>
            <div>Mine: {c.ours}</div>
            <div>Theirs: {c.theirs}</div>
            <div className="dialog-actions">
              <button type="button" onClick={() => void resolve(c.id, 'ours')}>
                Keep mine
              </button>
              <button type="button" onClick={() => void resolve(c.id, 'theirs')}>
                Keep theirs
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
