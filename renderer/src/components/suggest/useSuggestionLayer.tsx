/**
 * The reader's suggestions: drawn as a light dotted underline (a highlight of
 * its own, beneath the tags' colours), stepped through and answered by key.
 *   n / p        next / previous suggestion
 *   Enter        accept as proposed          1 2 3  accept as threat / overture / concession
 *   s            swap the direction          Shift+→ / Shift+←  extend / shrink its end by a word
 *                                           [ / ]  start one word earlier / later
 *   x            reject (remembered)         Esc    leave the suggestions
 * An accepted suggestion becomes an ordinary tag by the analyst.
 */
import { useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Actor, Code } from '../../../../shared/api/schemas';
import type { Suggestion } from '../../../../shared/api/suggest';
import type { TextIndex } from '../../highlight/textIndex';
import { rejectionOf, useAcceptSuggestion, useRejectSuggestion, useSuggestions } from '../../state/suggestQueries';
import { useUi } from '../../state/ui';
import { SuggestionBar } from './SuggestionBar';

export const SUGGESTION_HIGHLIGHT = 'parley-suggestion';
export const CURRENT_SUGGESTION_HIGHLIGHT = 'parley-suggestion-current';

const WORD = /[\p{L}\p{N}]/u;

/** The end of the word after `end` (extend), or of the word before it (shrink), within the text. */
export function moveEnd(text: string, start: number, end: number, forward: boolean): number {
  let i = end;
  if (forward) {
    while (i < text.length && !WORD.test(text.charAt(i)) && text[i] !== '\n') i++;
    while (i < text.length && WORD.test(text.charAt(i))) i++;
    return i;
  }
  while (i > start && !WORD.test(text.charAt(i - 1))) i--;
  while (i > start && WORD.test(text.charAt(i - 1))) i--;
  while (i > start && !WORD.test(text.charAt(i - 1))) i--;
  return i > start ? i : end;
}

/** The start of the word before `start` (earlier), or of the word after it (later, never past the end's word). */
export function moveStart(text: string, start: number, end: number, earlier: boolean): number {
  let i = start;
  if (earlier) {
    while (i > 0 && !WORD.test(text.charAt(i - 1)) && text[i - 1] !== '\n') i--;
    while (i > 0 && WORD.test(text.charAt(i - 1))) i--;
    // Punctuation that opens the passage ("“We will…") comes with its word.
    while (i > 0 && /["“'‘(]/.test(text.charAt(i - 1))) i--;
    return i;
  }
  while (i < end && WORD.test(text.charAt(i))) i++;
  while (i < end && !WORD.test(text.charAt(i))) i++;
  return i < end ? i : start;
}

export interface Adjusted {
  start: number;
  end: number;
  sourceActorId: number | null;
  targetActorId: number | null;
}

export function useSuggestionLayer(opts: {
  articleId: number | null;
  index: TextIndex | null;
  text: string;
  codes: readonly Code[] | undefined;
  actors: readonly Actor[] | undefined;
  /** The article's placed tags: a passage tagged meanwhile (by hand, or by undo/redo) is no longer suggested. */
  tags: readonly { start: number; end: number }[];
  focusBody(): void;
}): { onKeyDown(e: KeyboardEvent): boolean; bar: ReactNode } {
  const { articleId, index, text, codes, actors, tags } = opts;
  const query = useSuggestions(articleId);
  const items = useMemo(() => (query.data ?? []).filter((s) => !tags.some((t) => t.start < s.end && t.end > s.start)), [query.data, tags]);
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const [adjusted, setAdjusted] = useState<Adjusted | null>(null);
  const accept = useAcceptSuggestion();
  const reject = useRejectSuggestion();
  const say = useUi((s) => s.say);
  const current = items.find((s) => s.key === currentKey) ?? null;
  const shown: Adjusted | null = current ? (adjusted ?? current) : null;

  useEffect(() => {
    if (!index) return;
    const ranges = items.map((s) => index.rangeFor(s.start, s.end)).filter((r): r is StaticRange => r !== null);
    CSS.highlights.set(SUGGESTION_HIGHLIGHT, new Highlight(...ranges));
    const cur = shown ? index.rangeFor(shown.start, shown.end) : null;
    if (cur) CSS.highlights.set(CURRENT_SUGGESTION_HIGHLIGHT, new Highlight(cur));
    else CSS.highlights.delete(CURRENT_SUGGESTION_HIGHLIGHT);
    if (cur) cur.startContainer.parentElement?.scrollIntoView({ block: 'nearest' });
  }, [index, items, shown]);

  useEffect(
    () => () => {
      CSS.highlights.delete(SUGGESTION_HIGHLIGHT);
      CSS.highlights.delete(CURRENT_SUGGESTION_HIGHLIGHT);
    },
    [],
  );

  const go = (step: 1 | -1) => {
    if (items.length === 0) {
      say('info', 'No suggestions for this article.');
      return;
    }
    const at = current ? items.indexOf(current) : step === 1 ? -1 : items.length;
    const next = items[(at + step + items.length) % items.length];
    if (!next) return; // items is not empty
    setCurrentKey(next.key);
    setAdjusted(null);
  };

  const after = (s: Suggestion) => {
    // Stay in step: the next suggestion after the answered one becomes current.
    const i = items.indexOf(s);
    const next = items[i + 1] ?? items[i - 1] ?? null;
    setCurrentKey(next?.key ?? null);
    setAdjusted(null);
  };

  const codeName = (id: number) => codes?.find((c) => c.id === id)?.name ?? 'code';

  const doAccept = (s: Suggestion, codeId: number) => {
    const a = adjusted ?? s;
    if (a.sourceActorId === null || a.targetActorId === null) {
      say(
        'error',
        `Add ${s.newActor?.name ?? 'the actor'} (${s.newActor?.code ?? ''}) under Actors first: the workspace has no such actor.`,
      );
      return;
    }
    accept.mutate(
      {
        articleId: s.articleId,
        start: a.start,
        end: a.end,
        exact: text.slice(a.start, a.end),
        codeId,
        sourceActorId: a.sourceActorId,
        targetActorId: a.targetActorId,
      },
      {
        onSuccess: () => {
          say('info', `Accepted as ${codeName(codeId)}.`);
          after(s);
        },
      },
    );
  };

  const doReject = (s: Suggestion) =>
    reject.mutate(rejectionOf(s), {
      onSuccess: () => {
        say('info', 'Suggestion rejected; it will not be suggested again.');
        after(s);
      },
    });

  const onKeyDown = (e: KeyboardEvent): boolean => {
    // [ and ] are typed with AltGr (Ctrl+Alt) on some keyboards.
    const bracket = (e.key === '[' || e.key === ']') && !e.metaKey && e.ctrlKey === e.altKey;
    if ((e.ctrlKey || e.metaKey || e.altKey) && !bracket) return false;
    if (e.key === 'n' || e.key === 'p') {
      e.preventDefault();
      go(e.key === 'n' ? 1 : -1);
      return true;
    }
    if (!current || !shown) return false;
    const topCode = (digit: string) => codes?.find((c) => c.parentId === null && c.shortcut === digit);
    const top = ['1', '2', '3'].includes(e.key) ? topCode(e.key) : undefined;
    if (e.key === 'Enter') doAccept(current, current.codeId);
    else if (top) doAccept(current, top.id);
    else if (e.key === 'x' || e.key === 'Delete') doReject(current);
    else if (e.key === 's') setAdjusted({ ...shown, sourceActorId: shown.targetActorId, targetActorId: shown.sourceActorId });
    else if (e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft'))
      setAdjusted({ ...shown, end: moveEnd(text, shown.start, shown.end, e.key === 'ArrowRight') });
    else if (bracket) setAdjusted({ ...shown, start: moveStart(text, shown.start, shown.end, e.key === '[') });
    else if (e.key === 'Escape') {
      setCurrentKey(null);
      setAdjusted(null);
      return false;
    } else return false;
    e.preventDefault();
    return true;
  };

  const bar =
    articleId !== null ? (
      <SuggestionBar
        count={items.length}
        loading={query.isLoading}
        current={current}
        shown={shown}
        position={current ? items.indexOf(current) + 1 : 0}
        codes={codes ?? []}
        actors={actors ?? []}
        busy={accept.isPending || reject.isPending}
        onStart={() => {
          go(1);
          opts.focusBody();
        }}
      />
    ) : null;
  return { onKeyDown, bar };
}
