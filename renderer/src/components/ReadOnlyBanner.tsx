import { useWorkspaceInfo } from '../state/queries';

/** Shown while the workspace file cannot be written: Parley opened it read-only on purpose, and every change is refused. */
export function ReadOnlyBanner() {
  const info = useWorkspaceInfo();
  if (!info.data?.readOnly) return null;
  return (
    <section className="recovery-banner readonly-banner" role="status" aria-label="Read-only workspace">
      <p>
        <b>This workspace is read-only.</b> Its file (<code>{info.data.path}</code>) cannot be written, so Parley opened it for reading: you
        can read, search, score and export, but changes are refused and nothing is saved. To work in it, copy it to a folder you can write
        to, or make the file writable, and restart Parley.
      </p>
    </section>
  );
}
