import { create } from 'zustand';

/** UI-only state. Database rows live in TanStack Query's cache, never here. */
export interface Message {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

interface UiState {
  articleId: number | null;
  relationshipId: number | null;
  halfLifeDays: number;
  selectedAnnotationId: number | null;
  evidenceDate: string | null;
  messages: Message[];
  openArticle(id: number | null, annotationId?: number | null): void;
  setRelationship(id: number): void;
  setHalfLife(days: number): void;
  selectAnnotation(id: number | null): void;
  setEvidenceDate(date: string | null): void;
  say(kind: Message['kind'], text: string): void;
  dismiss(id: number): void;
}

let nextMessageId = 1;

export const useUi = create<UiState>((set) => ({
  articleId: null,
  relationshipId: null,
  halfLifeDays: 30,
  selectedAnnotationId: null,
  evidenceDate: null,
  messages: [],
  openArticle: (id, annotationId = null) => set({ articleId: id, selectedAnnotationId: annotationId }),
  setRelationship: (id) => set({ relationshipId: id, evidenceDate: null }),
  setHalfLife: (days) => set({ halfLifeDays: days }),
  selectAnnotation: (id) => set({ selectedAnnotationId: id }),
  setEvidenceDate: (date) => set({ evidenceDate: date }),
  say: (kind, text) => {
    const id = nextMessageId++;
    // At most two at a time. A success means the last problem was dealt with: its error goes.
    set((s) => ({ messages: [...s.messages.filter((m) => kind === 'error' || m.kind === 'info').slice(-1), { id, kind, text }] }));
    if (kind === 'info') setTimeout(() => set((s) => ({ messages: s.messages.filter((m) => m.id !== id) })), 5000);
  },
  dismiss: (id) => set((s) => ({ messages: s.messages.filter((m) => m.id !== id) })),
}));

interface FocusState {
  /** Bumped to ask the reader to scroll the selected annotation into view. */
  scrollNonce: number;
  focusAnnotation(articleId: number, annotationId: number): void;
}

export const useFocus = create<FocusState>((set) => ({
  scrollNonce: 0,
  focusAnnotation: (articleId, annotationId) => {
    useUi.getState().openArticle(articleId, annotationId);
    set((s) => ({ scrollNonce: s.scrollNonce + 1 }));
  },
}));
