import type { Annotation, Article, Relationship } from '../../../../shared/api/schemas';
import { useActors, useAddAlias, useCodebook, useCreateAnnotation, useDeleteAnnotation, useRelationships, useUpdateAnnotation } from '../../state/queries';
import { useCodeKeys } from '../../state/codingLoopQueries';
import { useCoding } from '../../state/coding';
import { useUi } from '../../state/ui';
import { TagPopover, type TagChoice } from '../TagPopover';
import { useDirectionProposal } from '../useDirectionProposal';
import { usePopoverActions } from './usePopoverActions';
import type { Draft } from './useReaderSelection';

/** A quote short enough to become an actor's alias (a name, not a sentence). */
const aliasLike = (quote: string) => quote.length <= 40 && quote.split(/\s+/).length <= 4;

interface Props {
  article: Article;
  text: string;
  /** The relationship the article is read under: its pair bounds the direction proposal. */
  rel: Relationship | undefined;
  draft: Draft | null;
  closeDraft(): void;
  selected: Annotation | null;
  editAnchor: DOMRect | null;
  scrollNonce: number;
  /** Re-selects a tag's passage so that its boundaries can be adjusted. */
  onAdjust(tag: Annotation): void;
  focusBody(): void;
}

/** The reader's two popovers: tagging the selected passage, and editing the tag picked in the text. */
export function ReaderPopovers(p: Props) {
  const { article: a, text, draft, selected, editAnchor } = p;
  const codes = useCodebook();
  const actors = useActors();
  const relationships = useRelationships();
  const codeKeys = useCodeKeys();
  const createAnnotation = useCreateAnnotation();
  const updateAnnotation = useUpdateAnnotation();
  const deleteAnnotation = useDeleteAnnotation(a.id);
  const addAlias = useAddAlias();
  const selectAnnotation = useUi((s) => s.selectAnnotation);
  const say = useUi((s) => s.say);
  const setShortcutsOpen = useCoding((s) => s.setShortcutsOpen);
  const proposal = useDirectionProposal(text, draft, actors.data, p.rel);
  const draftQuote = draft ? text.slice(draft.start, draft.end) : '';
  const popoverActions = usePopoverActions(actors.data ?? [], aliasLike(draftQuote) ? draftQuote : null);
  if (!codes.data || !actors.data || !relationships.data) return null;
  const shared = {
    codes: codes.data,
    codeKeys,
    actors: actors.data,
    relationships: relationships.data,
    ...popoverActions,
    onHelp: () => setShortcutsOpen(true),
  };
  const aliasCandidate = aliasLike(draftQuote) && !/[.!?;:]$/.test(draftQuote);

  if (draft) {
    const initial: TagChoice = {
      codeId: draft.codeId ?? null,
      // (A workspace always has its two default actors: the 0 never reaches a save.)
      sourceActorId: proposal?.sourceActorId ?? p.rel?.actorA.id ?? actors.data[0]?.id ?? 0,
      targetActorId: proposal?.targetActorId ?? p.rel?.actorB.id ?? actors.data[1]?.id ?? 0,
      note: '',
      eventDate: a.publishedOn,
      confidence: 1,
    };
    return (
      <TagPopover
        key={`new-${draft.start}-${draft.end}`}
        mode="new"
        anchor={draft.anchor}
        quote={draftQuote}
        {...shared}
        initial={initial}
        directionNote={proposal ? `${proposal.reason}. S swaps.` : null}
        onAddAlias={
          aliasCandidate
            ? (actorId) =>
                addAlias.mutate(
                  { actorId, alias: draftQuote },
                  { onSuccess: (actor) => say('info', `“${draftQuote}” is now an alias of ${actor.name}.`) },
                )
            : undefined
        }
        busy={createAnnotation.isPending}
        onCancel={p.closeDraft}
        onSave={(c) =>
          createAnnotation.mutate(
            { articleId: a.id, start: draft.start, end: draft.end, exact: draftQuote, ...c },
            {
              onSuccess: (created: Annotation) => {
                p.closeDraft();
                say('info', `Tagged as ${codes.data.find((x) => x.id === created.codeId)?.name ?? 'code'}.`);
              },
            },
          )
        }
      />
    );
  }
  if (!selected || !editAnchor) return null;
  return (
    <TagPopover
      key={`edit-${selected.id}-${selected.updatedAtMs}-${p.scrollNonce}`}
      mode="edit"
      anchor={editAnchor}
      quote={selected.exact}
      {...shared}
      initial={{
        codeId: selected.codeId,
        sourceActorId: selected.sourceActorId,
        targetActorId: selected.targetActorId,
        note: selected.note,
        eventDate: selected.eventDate,
        confidence: selected.confidence,
      }}
      onAdjust={() => p.onAdjust(selected)}
      busy={updateAnnotation.isPending}
      onCancel={() => {
        selectAnnotation(null);
        p.focusBody();
      }}
      onSave={(c) => updateAnnotation.mutate({ id: selected.id, ...c }, { onSuccess: () => say('info', 'Tag updated.') })}
      onDelete={() =>
        deleteAnnotation.mutate(selected.id, {
          onSuccess: () => {
            selectAnnotation(null);
            say('info', 'Tag deleted.');
            p.focusBody();
          },
        })
      }
    />
  );
}
