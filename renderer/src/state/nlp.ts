import { useEffect, useSyncExternalStore } from 'react';
import type * as NlpModule from '../../../shared/nlp';

/**
 * The sentence analysis (shared/nlp) in the renderer. Its English model is
 * about 3.5 MB of script that takes some 0.15 s to evaluate and 0.2 s to
 * set up, so it is loaded as a chunk of its own after the window has shown,
 * never on the way to the first paint. Until it is there (a fraction of a
 * second) the reader falls back on the browser's sentence segmenter and
 * proposes the relationship's own order.
 */
type Nlp = typeof NlpModule;

let loaded: Nlp | null = null;
let loading: Promise<Nlp> | null = null;
const listeners = new Set<() => void>();

export function loadNlp(): Promise<Nlp> {
  loading ??= import('../../../shared/nlp').then((m) => {
    m.sentenceSpans('Warm up. The model is read on first use.');
    loaded = m;
    for (const l of listeners) l();
    return m;
  });
  return loading;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/**
 * The analysis module once loaded, else null (the component renders again when it arrives). It is loaded
 * only once some text needs it (`wanted`): loaded at start, its evaluation held up the library's first
 * page by some 0.3 s on a 100,000-article workspace (bench coldStart), with no article open to read.
 */
export function useNlp(wanted: boolean): Nlp | null {
  useEffect(() => {
    if (wanted) void loadNlp();
  }, [wanted]);
  return useSyncExternalStore(subscribe, () => loaded);
}
