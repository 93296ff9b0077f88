import { useState, type FormEvent } from 'react';
import type { DeskSetting } from '../../../../shared/api/deskWindow';
import { transportName } from '../../api';
import { useDeskConnect, useDeskDisconnect, useDeskDismissRefused, useDeskSetting, useDeskStatus } from '../../state/deskQueries';
import { useUi } from '../../state/ui';
import { ModalDialog } from '../ModalDialog';
import { deskDetail, deskLine } from './deskText';
import { useDeskDialog } from './deskUi';

const KEPT =
  transportName === 'electron'
    ? 'Parley keeps it in your system’s credential store (Keychain, Windows or your keyring), never in the workspace.'
    : 'Parley keeps it in memory until it quits (browser mode), never in the workspace: you type it again after a restart.';

/** The Desk setting: host, port, database, user, CA file and password; Connect tries the desk before anything is saved. */
export function DeskDialog() {
  const open = useDeskDialog((s) => s.open);
  const close = useDeskDialog((s) => s.close);
  const setting = useDeskSetting(open);
  return (
    <ModalDialog open={open} onClose={close} title="Desk" className="desk-dialog">
      {/* Mounted once the setting is read, so that the form starts from it. */}
      {setting.data !== undefined && <DeskForm setting={setting.data} onDone={close} />}
    </ModalDialog>
  );
}

function DeskForm({ setting, onDone }: { setting: DeskSetting; onDone(): void }) {
  const status = useDeskStatus().data;
  const say = useUi((s) => s.say);
  const connect = useDeskConnect();
  const disconnect = useDeskDisconnect();
  const dismiss = useDeskDismissRefused();
  const [error, setError] = useState<string | null>(null);
  const connected = setting !== null;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (name: string) => String(f.get(name) ?? '').trim();
    const port = Number(text('port') || 5432);
    const password = String(f.get('password') ?? '');
    setError(null);
    try {
      const s = await connect.mutateAsync({
        host: text('host'),
        port,
        database: text('database'),
        user: text('user'),
        caFile: text('caFile') || null,
        ...(password ? { password } : {}),
      });
      say('info', `Connected to the desk ${s.desk ?? ''}; the first sync runs in the background.`);
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const leave = async () => {
    setError(null);
    try {
      await disconnect.mutateAsync({});
      say('info', 'Disconnected from the desk. Everything synced stays in this workspace; your changes wait until you connect again.');
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form className="desk-form" onSubmit={(e) => void submit(e)} aria-label="Desk setting">
      {status && status.state !== 'off' && (
        <section className="desk-now" aria-label="Desk status">
          <p className={`desk-line desk-${deskLine(status).tone}`}>{deskLine(status).text}</p>
          {deskDetail(status).map((line) => (
            <p key={line} className="export-muted">
              {line}
            </p>
          ))}
          {status.refused.length > 0 && (
            <>
              <p className="inline-error">The desk refused these change sets as not yours to make (they stay in this workspace only):</p>
              <ul className="desk-refused" aria-label="Refused by the desk">
                {status.refused.map((label, i) => (
                  <li key={`${i}-${label}`}>{label}</li>
                ))}
              </ul>
              <button
                type="button"
                className="link"
                disabled={dismiss.isPending}
                onClick={() => dismiss.mutate({}, { onError: (err) => setError(err.message) })}
              >
                Clear this list
              </button>
            </>
          )}
        </section>
      )}
      <p className="export-muted">
        A desk is a PostgreSQL database your colleagues share; this workspace stays a complete copy and syncs with it whenever it can. Its
        IT gives you the host, database, your user name and, for a desk on another machine, its CA file.
      </p>
      <div className="row">
        <label className="field">
          <span>Host</span>
          <input
            name="host"
            required
            maxLength={255}
            defaultValue={setting?.host ?? ''}
            placeholder="desk.example.org"
            autoComplete="off"
            autoFocus
          />
        </label>
        <label className="field desk-port">
          <span>Port</span>
          <input name="port" type="number" min={1} max={65535} defaultValue={setting?.port ?? 5432} />
        </label>
      </div>
      <div className="row">
        <label className="field">
          <span>Database</span>
          <input name="database" required maxLength={63} defaultValue={setting?.database ?? 'parley'} autoComplete="off" />
        </label>
        <label className="field">
          <span>Your desk user name</span>
          <input name="user" required maxLength={63} defaultValue={setting?.user ?? ''} autoComplete="username" />
        </label>
      </div>
      <label className="field">
        <span>CA file (the desk’s certificate authority, a .pem path; needed for any host but this machine)</span>
        <input name="caFile" maxLength={4096} defaultValue={setting?.caFile ?? ''} placeholder="/path/to/desk-ca.pem" autoComplete="off" />
      </label>
      <label className="field">
        <span>Password{setting?.passwordKept ? ' (leave empty to keep the one Parley holds)' : ''}</span>
        <input name="password" type="password" maxLength={1024} autoComplete="current-password" />
      </label>
      <p className="export-muted">
        {KEPT} Parley reaches a desk on another machine only over TLS, checking its certificate against the CA file.
      </p>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {connected && (
          <button type="button" onClick={() => void leave()} disabled={disconnect.isPending}>
            Disconnect
          </button>
        )}
        <button type="button" onClick={onDone}>
          Close
        </button>
        <button type="submit" className="primary" disabled={connect.isPending}>
          {connect.isPending ? 'Connecting…' : connected ? 'Save and connect' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
