import { useCallback, useEffect, useRef, useState, type ClipboardEvent } from 'react';
import { willSave, type ImportEdit, type ImportItem } from '../../../shared/api/importSchemas';
import { mergeExchangeFiles, splitExchangeFiles } from './exchange/mergeFiles';
import { filesFromDrop, filesFromList, pastedFile, uploadFiles, type PickedFile } from '../import/files';
import { useImportUi } from '../import/importUi';
import { useImportJob } from '../state/importJob';
import { useApiAction } from '../state/mutation';
import { useUi } from '../state/ui';
import { ImportReviewTable, NotImportedList } from './ImportReviewTable';
import { useReturnFocus } from './useReturnFocus';
import './import.css';

type Stage = { kind: 'pick' } | { kind: 'sending'; sent: number; total: number } | { kind: 'job'; jobId: string };

function timeLeft(ms: number | null): string {
  if (ms === null) return 'estimating time left…';
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `about ${s} s left` : `about ${Math.ceil(s / 60)} min left`;
}

/** Lets files and folders be dropped anywhere on the window; they open the import dialog. */
function useWindowDrop(onFiles: (files: PickedFile[]) => void, onError: (message: string) => void): void {
  useEffect(() => {
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      void filesFromDrop(e.dataTransfer)
        .then((files) => files.length > 0 && onFiles(files))
        .catch((err: Error) => onError(`The dropped files could not be read: ${err.message}`));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles, onError]);
}

/** Import: files, folders or a paste in; progress; a table to correct before saving; what could not be imported and why. */
export function ImportDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { open, show, hide } = useImportUi();
  const relationshipId = useUi((s) => s.relationshipId);
  const say = useUi((s) => s.say);
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const job = useImportJob(stage.kind === 'job' ? stage.jobId : null);
  const { upload, start } = job;
  const { mutateAsync: merge } = useApiAction('export:import');
  const [edits, setEdits] = useState<Map<number, ImportEdit>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [pasted, setPasted] = useState<{ content: string; isHtml: boolean } | null>(null);

  const begin = useCallback(
    async (picked: PickedFile[]) => {
      // Exchange files (.qdpx, .qdc, JSON-LD, a workspace) are merged by their own reader.
      const { exchange, documents: files } = splitExchangeFiles(picked);
      if (exchange.length > 0) {
        for (const r of await mergeExchangeFiles(exchange, merge)) say(r.ok ? 'info' : 'error', r.text);
        if (files.length === 0) return hide();
      }
      if (files.length === 0) return;
      setError(null);
      setEdits(new Map());
      setStage({ kind: 'sending', sent: 0, total: files.length });
      try {
        const jobId = await uploadFiles(files, upload, (sent) => setStage({ kind: 'sending', sent, total: files.length }));
        await start({ jobId, relationshipId });
        setStage({ kind: 'job', jobId });
      } catch (err) {
        setError((err as Error).message);
        setStage({ kind: 'pick' });
      }
    },
    [relationshipId, say, hide, merge, upload, start],
  );

  const status = stage.kind === 'job' ? job.status : null;
  const busyRef = useRef(false);
  useEffect(() => {
    busyRef.current = stage.kind !== 'pick' && status?.phase !== 'done';
  }, [stage, status]);
  useWindowDrop(
    useCallback(
      (files: PickedFile[]) => {
        // A drop while another import is under way is not mixed into it.
        if (busyRef.current) return;
        show();
        void begin(files);
      },
      [show, begin],
    ),
    useCallback(
      (message: string) => {
        show();
        setError(message);
      },
      [show],
    ),
  );

  useReturnFocus(open);
  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);

  const cancel = async () => {
    if (stage.kind !== 'job') return;
    try {
      await job.cancel({ jobId: stage.jobId });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const save = async () => {
    if (stage.kind !== 'job') return;
    setError(null);
    try {
      await job.commit({ jobId: stage.jobId, edits: [...edits.values()] });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const close = () => {
    if (status?.phase === 'reading' || status?.phase === 'saving') return;
    setStage({ kind: 'pick' });
    setPasted(null);
    setError(null);
    hide();
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = e.clipboardData.getData('text/html');
    if (html) {
      // Formatted text is kept as HTML and reduced to its text by main; nothing of it runs here.
      e.preventDefault();
      setPasted({ content: html, isHtml: true });
      e.currentTarget.value = e.clipboardData.getData('text/plain');
    }
  };

  // The table of the phase shown, once its items are here.
  const items = job.listed?.items ?? [];
  const shownError = error ?? job.error?.message ?? null;
  const busy = stage.kind === 'sending' || status?.phase === 'reading' || status?.phase === 'saving';

  return (
    <dialog
      ref={dialogRef}
      className="import-dialog"
      aria-labelledby="import-title"
      onCancel={(e) => (busy ? e.preventDefault() : close())}
    >
      <h2 id="import-title">Import articles</h2>
      {shownError && (
        <p role="alert" className="inline-error">
          {shownError}
        </p>
      )}
      {stage.kind === 'pick' && (
        <div className="import-pick">
          <p className="drop-hint">
            Drop files or a folder anywhere on the window, or choose them. Parley reads web pages (.html), PDF, Word (.docx), OpenDocument
            (.odt), RTF, e-mail (.eml), text and Markdown, up to 16 MB a file.
          </p>
          <div className="import-buttons">
            <label className="button-like">
              Choose files…
              <input
                type="file"
                multiple
                className="visually-hidden"
                aria-label="Choose files to import"
                onChange={(e) => void begin(filesFromList(e.currentTarget.files))}
              />
            </label>
            <label className="button-like">
              Choose a folder…
              <input
                type="file"
                multiple
                className="visually-hidden"
                aria-label="Choose a folder to import"
                ref={(el) => el?.setAttribute('webkitdirectory', '')}
                onChange={(e) => void begin(filesFromList(e.currentTarget.files))}
              />
            </label>
          </div>
          <label className="field">
            <span>Or paste an article (text or a web page's content)</span>
            <textarea
              rows={5}
              aria-label="Pasted article"
              onPaste={onPaste}
              // Typing after a paste makes it plain text again: what is sent is what the analyst sees.
              onChange={(e) => setPasted(e.currentTarget.value ? { content: e.currentTarget.value, isHtml: false } : null)}
            />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Close
            </button>
            <button
              type="button"
              className="primary"
              disabled={!pasted}
              onClick={() => pasted && void begin([pastedFile(pasted.content, pasted.isHtml)])}
            >
              Read pasted text
            </button>
          </div>
        </div>
      )}
      {stage.kind === 'sending' && (
        <Progress
          label={`Sending files to Parley: ${stage.sent.toLocaleString()} of ${stage.total.toLocaleString()}`}
          value={stage.sent}
          max={stage.total}
        />
      )}
      {status && (status.phase === 'reading' || status.phase === 'saving' || status.phase === 'receiving') && (
        <>
          <Progress
            label={`${status.phase === 'saving' ? 'Saving' : 'Reading'} ${status.processed.toLocaleString()} of ${status.total.toLocaleString()}${
              status.currentFile ? ` · ${status.currentFile}` : ''
            } · ${timeLeft(status.timeLeftMs)}`}
            value={status.processed}
            max={status.total}
          />
          <div className="dialog-actions">
            <button type="button" className="danger" disabled={status.cancelled} onClick={() => void cancel()}>
              {status.cancelled ? 'Cancelling…' : 'Cancel import'}
            </button>
          </div>
        </>
      )}
      {status && (status.phase === 'review' || status.phase === 'done') && !job.listed && (
        <p className="import-summary" aria-busy="true">
          Preparing the list of {status.total.toLocaleString()} file{status.total === 1 ? '' : 's'}…
        </p>
      )}
      {status?.phase === 'review' && job.listed && (
        <>
          <ImportReviewTable items={items} edits={edits} onEdit={setEdits} />
          <NotImportedList items={items} heading="Will not be imported" />
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Discard
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void save()}
              disabled={toSave(items, edits) === 0}
            >
              {saveLabel(toSave(items, edits))}
            </button>
          </div>
        </>
      )}
      {status?.phase === 'done' && job.listed && (
        <>
          <p role="status" className="import-summary">
            {status.counts.saved.toLocaleString()} article{status.counts.saved === 1 ? '' : 's'} imported
            {status.cancelled ? ' before the import was cancelled' : ''}; {(items.length - status.counts.saved).toLocaleString()} file
            {items.length - status.counts.saved === 1 ? '' : 's'} not imported.
          </p>
          <NotImportedList items={items} heading="Not imported" />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={close}>
              Done
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/** The files the save will import (a look-alike still on "Choose…" is not imported, so it is not counted). */
function toSave(items: readonly ImportItem[], edits: ReadonlyMap<number, ImportEdit>): number {
  return items.filter((i) => willSave(i.status, edits.get(i.id)?.decision)).length;
}

function saveLabel(n: number): string {
  return `Save ${n.toLocaleString()} article${n === 1 ? '' : 's'}`;
}

function Progress({ label, value, max }: { label: string; value: number; max: number }) {
  return (
    <div className="import-progress">
      <progress value={value} max={Math.max(1, max)} aria-label="Import progress" />
      <p aria-live="polite">{label}</p>
    </div>
  );
}
