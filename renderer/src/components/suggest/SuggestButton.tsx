/** The library's "Suggest…" button and the review dialog it opens. */
import { useState } from 'react';
import { SuggestReview } from './SuggestReview';

export function SuggestButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Suggest…
      </button>
      <SuggestReview open={open} onClose={() => setOpen(false)} />
    </>
  );
}
