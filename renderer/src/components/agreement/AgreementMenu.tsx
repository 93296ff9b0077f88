import { useState } from 'react';
import { AdjudicationDialog } from './AdjudicationDialog';
import { AgreementDialog } from './AgreementDialog';
import { PackageDialog } from './PackageDialog';
import './agreement.css';

/** The top bar's entry to the agreement report and adjudication. */
export function AgreementMenu() {
  const [open, setOpen] = useState<'report' | 'adjudicate' | 'package' | null>(null);
  return (
    <>
      <button type="button" onClick={() => setOpen('package')}>
        Coding package
      </button>
      <button type="button" onClick={() => setOpen('report')}>
        Agreement
      </button>
      <button type="button" onClick={() => setOpen('adjudicate')}>
        Adjudicate
      </button>
      <AgreementDialog open={open === 'report'} onClose={() => setOpen(null)} />
      <AdjudicationDialog open={open === 'adjudicate'} onClose={() => setOpen(null)} />
      <PackageDialog open={open === 'package'} onClose={() => setOpen(null)} />
    </>
  );
}
