import type { Actor, Annotation, Code, Relationship } from '../../../shared/api/schemas';
import { useCoding, type HighlightFilter } from '../state/coding';

/** Whether an annotation passes the reader's highlight filter. */
export function passesFilter(a: Annotation, f: HighlightFilter, codes: readonly Code[], rel: Relationship | undefined): boolean {
  if (f.codeId !== null) {
    const code = codes.find((c) => c.id === a.codeId);
    if (!code || (code.id !== f.codeId && code.parentId !== f.codeId)) return false;
  }
  if (f.actorId !== null && a.sourceActorId !== f.actorId && a.targetActorId !== f.actorId) return false;
  if (f.direction !== 'any' && rel) {
    const [from, to] = f.direction === 'ab' ? [rel.actorA.id, rel.actorB.id] : [rel.actorB.id, rel.actorA.id];
    if (a.sourceActorId !== from || a.targetActorId !== to) return false;
  }
  return true;
}

/**
 * Filters the highlights of the open article by code, actor or direction. Shown, disabled, before the article's
 * first tag as well: had it appeared with that tag, the text under the analyst's mouse would jump down a line just
 * as they select the next passage.
 */
export function HighlightFilterBar({
  codes,
  actors,
  rel,
  shown,
  total,
}: {
  codes: readonly Code[];
  actors: readonly Actor[];
  rel: Relationship | undefined;
  shown: number;
  total: number;
}) {
  const f = useCoding((s) => s.highlightFilter);
  const set = useCoding((s) => s.setHighlightFilter);
  const filtered = f.codeId !== null || f.actorId !== null || f.direction !== 'any';
  const none = total === 0 && !filtered;
  return (
    <div className="highlight-filter" role="group" aria-label="Show highlights" title={none ? 'No tags in this article yet.' : undefined}>
      <label className="inline">
        Code{' '}
        <select disabled={none} value={f.codeId ?? ''} onChange={(e) => set({ codeId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">all</option>
          {codes
            .filter((c) => c.parentId === null)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
      </label>
      <label className="inline">
        Actor{' '}
        <select disabled={none} value={f.actorId ?? ''} onChange={(e) => set({ actorId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">all</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code}
            </option>
          ))}
        </select>
      </label>
      {rel && (
        <label className="inline">
          Direction{' '}
          <select disabled={none} value={f.direction} onChange={(e) => set({ direction: e.target.value as HighlightFilter['direction'] })}>
            <option value="any">both</option>
            <option value="ab">
              {rel.actorA.code} → {rel.actorB.code}
            </option>
            <option value="ba">
              {rel.actorB.code} → {rel.actorA.code}
            </option>
          </select>
        </label>
      )}
      {filtered && (
        <span className="muted" aria-live="polite">
          {shown} of {total} shown{' '}
          <button type="button" onClick={() => set({ codeId: null, actorId: null, direction: 'any' })}>
            Show all
          </button>
        </span>
      )}
    </div>
  );
}
