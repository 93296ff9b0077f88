import type { DeskNearDuplicate } from '../../../../shared/api/deskCarry';
import { useDeskKeepBoth, useDeskNearDuplicates } from '../../state/deskQueries';
import { useUi } from '../../state/ui';
import { ModalDialog } from '../ModalDialog';
import { ParagraphDifference } from '../ParagraphDifference';

const brief = (a: DeskNearDuplicate['own']) => `${a.outlet ? `${a.outlet}, ` : ''}${a.publishedOn}`;

/**
 * Colleagues' copies of articles this laptop imported itself, nearly the same text (a byline, a corrected word):
 * never merged, since each copy's tags are anchored to its own text. The analyst reads the difference, opens
 * either copy, or keeps both (the pair leaves the list; Ctrl+Z brings it back).
 */
export function DeskNearDuplicates({ open, onClose }: { open: boolean; onClose(): void }) {
  const list = useDeskNearDuplicates(open);
  const keepBoth = useDeskKeepBoth();
  const openArticle = useUi((s) => s.openArticle);
  const show = (id: number) => {
    openArticle(id);
    onClose();
  };
  const items = list.data ?? [];
  return (
    <ModalDialog open={open} onClose={onClose} title="Near-duplicates from the desk" className="desk-dialog">
      {list.isPending ? (
        <p className="export-muted">Reading the list…</p>
      ) : list.isError ? (
        <p className="inline-error" role="alert">
          The list could not be read: {list.error.message}
        </p>
      ) : items.length === 0 ? (
        <p className="export-muted">
          Nothing to look at: no article a colleague sent nearly duplicates one of yours. A copy with the very same text is one
          article already.
        </p>
      ) : (
        <>
          <p className="export-muted">
            A colleague’s copy of an article you imported, with a small difference. Both stay, each with its own tags; read the
            difference, and keep both once you have.
          </p>
          <ul className="desk-near" aria-label="Near-duplicates from the desk">
            {items.map((n) => (
              <li key={n.pulled.id}>
                <p>
                  <b>{n.pulled.title}</b> <span className="export-muted">({brief(n.pulled)}), from the desk</span>
                </p>
                <p>
                  nearly the same as your <b>{n.own.title}</b> <span className="export-muted">({brief(n.own)})</span>
                </p>
                <ParagraphDifference
                  label={`Differences between “${n.pulled.title}” from the desk and yours`}
                  similarity={n.similarity}
                  left={['Only in the desk’s copy', n.onlyHere]}
                  right={['Only in yours', n.onlyThere]}
                />
                <div className="desk-near-actions">
                  <button type="button" className="link" onClick={() => show(n.pulled.id)}>
                    Open the desk’s copy
                  </button>
                  <button type="button" className="link" onClick={() => show(n.own.id)}>
                    Open yours
                  </button>
                  <button
                    type="button"
                    disabled={keepBoth.isPending}
                    onClick={() => keepBoth.mutate(n.pulled.id)}
                    aria-label={`Keep both: ${n.pulled.title}`}
                  >
                    Keep both
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </ModalDialog>
  );
}
