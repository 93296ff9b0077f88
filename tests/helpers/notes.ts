/** Short dated notes with distinct words, saved straight into a workspace (near-duplicate index tests). */
import type { Db } from '../../main/db/connection';
import { insertArticle } from '../../main/db/articles';
import { signatureOf } from '../../shared/text/fingerprint';

/** A distinct text per number: no two are near-duplicates. */
export function note(i: number): string {
  const words = Array.from({ length: 60 }, (_, w) => `w${(i * 7919 + w * 104729) % 1000003}`);
  return `September 6, 2025\n\nNote ${i}. ${words.join(' ')}.`;
}

/** Notes 0 … n-1 saved as articles (no fingerprint yet), with the signatures an import would give them. */
export function insertNotes(db: Db, n: number): { articleId: number; text: string; signature: Uint32Array }[] {
  return Array.from({ length: n }, (_, i) => {
    const text = note(i);
    const articleId = insertArticle(db, {
      title: `Note ${i}`,
      outlet: '',
      author: '',
      url: '',
      publishedOn: '2025-09-06',
      text,
      wordCount: 62,
      contentHash: `hash-${i}`,
      relationshipId: null,
    });
    return { articleId, text, signature: signatureOf(text) };
  });
}
