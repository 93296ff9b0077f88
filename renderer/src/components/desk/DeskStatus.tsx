import { useState } from 'react';
import { useDeskStatus, useDeskSync, useRefreshAfterPull } from '../../state/deskQueries';
import { useSettingConflicts } from '../../state/exchangeQueries';
import { useUi } from '../../state/ui';
import { ImportDialog } from '../exchange/ImportDialog';
import { DeskDialog } from './DeskDialog';
import { DeskNearDuplicates } from './DeskNearDuplicates';
import { deskDetail, deskLine, progressText } from './deskText';
import { useDeskDialog } from './deskUi';
import './desk.css';

/**
 * The desk in the top bar: synced / N to send / offline since …, a first sync's progress, what the desk refused
 * and what is left to decide, Sync now; or, with no desk, a quiet link to connect to one.
 */
export function DeskStatus() {
  const s = useDeskStatus().data;
  useRefreshAfterPull(s?.pulled);
  const show = useDeskDialog((d) => d.show);
  const say = useUi((u) => u.say);
  const sync = useDeskSync();
  const on = s !== undefined && s.state !== 'off';
  const toDecide = useSettingConflicts(on).data?.length ?? 0;
  // A count in the polled status: the pairs, with their paragraph differences, are fetched only when the dialog opens.
  const near = s?.nearDuplicates ?? 0;
  const [reviewing, setReviewing] = useState(false);
  const [comparing, setComparing] = useState(false);
  if (!s) return <DeskDialog />;
  const line = deskLine(s);
  const syncNow = () =>
    sync.mutate(
      {},
      {
        onSuccess: (after) =>
          after.state === 'offline' && say('error', after.error ?? 'The desk could not be reached; Parley tries again.'),
      },
    );
  return (
    <div className="desk-status">
      {on ? (
        <>
          <span role="status">
            <button type="button" className={`link desk-line desk-${line.tone}`} onClick={show} title={deskDetail(s).join(' ')}>
              {line.text}
            </button>
          </span>
          {s.progress && s.progress.total > 0 && (
            <span
              className="desk-progress"
              role="progressbar"
              aria-label="Sync with the desk"
              aria-valuemin={0}
              aria-valuemax={s.progress.total}
              aria-valuenow={s.progress.done}
              aria-valuetext={progressText(s.progress)}
            >
              <span style={{ width: `${Math.round((100 * s.progress.done) / s.progress.total)}%` }} />
            </span>
          )}
          {s.refused.length > 0 && (
            <button type="button" className="link desk-warn" onClick={show}>
              {s.refused.length} refused
            </button>
          )}
          {toDecide > 0 && (
            <button type="button" className="link desk-warn" onClick={() => setReviewing(true)}>
              {toDecide} to decide
            </button>
          )}
          {near > 0 && (
            <button type="button" className="link desk-warn" onClick={() => setComparing(true)}>
              {near} near-duplicate{near === 1 ? '' : 's'}
            </button>
          )}
          {/* An icon, so that "offline since 14:05 (1 Dec)" still fits the top bar's one line. */}
          <button
            type="button"
            className="desk-sync"
            onClick={syncNow}
            disabled={sync.isPending}
            aria-label="Sync now"
            title={sync.isPending ? 'Syncing…' : 'Sync now'}
          >
            <span aria-hidden="true">↻</span>
          </button>
        </>
      ) : (
        <button type="button" className="link desk-connect" onClick={show}>
          Connect to a desk…
        </button>
      )}
      <DeskDialog />
      {/* The merge review, where the desk's conflicts are decided beside a merge's. */}
      {reviewing && <ImportDialog open onClose={() => setReviewing(false)} />}
      <DeskNearDuplicates open={comparing} onClose={() => setComparing(false)} />
    </div>
  );
}
