import './paragraphDifference.css';

type Column = readonly [heading: string, paragraphs: readonly string[]];

/**
 * Two near-duplicate texts' difference, side by side: the paragraphs only one of them has, folded under how alike
 * they are. The import's review table shows a file against a saved article; the desk's list a colleague's copy
 * against this laptop's own.
 */
export function ParagraphDifference({ label, similarity, left, right }: { label: string; similarity: number; left: Column; right: Column }) {
  const column = ([heading, paragraphs]: Column) => (
    <div>
      <b>{heading}</b>
      {paragraphs.length === 0 ? <p className="same">nothing</p> : paragraphs.map((p, i) => <p key={i}>{p}</p>)}
    </div>
  );
  return (
    <details className="near-difference">
      <summary>Differences ({Math.round(similarity * 100)} % alike)</summary>
      <div className="side-by-side" aria-label={label}>
        {column(left)}
        {column(right)}
      </div>
    </details>
  );
}
