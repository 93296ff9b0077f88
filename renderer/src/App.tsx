import { useEffect, useState } from 'react';
import { ActorsDialog } from './components/ActorsDialog';
import { AgreementMenu } from './components/agreement/AgreementMenu';
import { AddArticleDialog } from './components/AddArticleDialog';
import { CodebookDialog } from './components/CodebookDialog';
import { DeskStatus } from './components/desk/DeskStatus';
import { AnnotationList } from './components/AnnotationList';
import { ExportMenu } from './components/ExportMenu';
import { HistoryPanel } from './components/HistoryPanel';
import { ImportDialog } from './components/ImportDialog';
import { Library } from './components/Library';
import { Reader } from './components/Reader';
import { ReadOnlyBanner } from './components/ReadOnlyBanner';
import { RecoveryBanner } from './components/RecoveryBanner';
import { ScorePanel } from './components/ScorePanel';
import { SearchBox } from './components/SearchBox';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { transportName } from './api';
import { useDeskStatus } from './state/deskQueries';
import { useRelationships } from './state/queries';
import { useUi } from './state/ui';

function Messages() {
  const messages = useUi((s) => s.messages);
  const dismiss = useUi((s) => s.dismiss);
  return (
    <div className="messages">
      <div role="status" aria-live="polite">
        {messages
          .filter((m) => m.kind === 'info')
          .map((m) => (
            <p key={m.id} className="message info">
              {m.text}
            </p>
          ))}
      </div>
      <div role="alert" aria-live="assertive">
        {messages
          .filter((m) => m.kind === 'error')
          .map((m) => (
            <p key={m.id} className="message error">
              {m.text}{' '}
              <button type="button" onClick={() => dismiss(m.id)} aria-label="Dismiss">
                ×
              </button>
            </p>
          ))}
      </div>
    </div>
  );
}

export function App() {
  const relationships = useRelationships();
  const relationshipId = useUi((s) => s.relationshipId);
  const setRelationship = useUi((s) => s.setRelationship);
  const [adding, setAdding] = useState(false);
  const [registry, setRegistry] = useState<'codebook' | 'actors' | null>(null);
  const desk = useDeskStatus().data;
  const deskOn = desk !== undefined && desk.state !== 'off';

  useEffect(() => {
    const first = relationships.data?.[0];
    if (relationshipId === null && first) setRelationship(first.id);
  }, [relationships.data, relationshipId, setRelationship]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Parley</h1>
        <label className="inline">
          Relationship{' '}
          <select
            value={relationshipId ?? ''}
            onChange={(e) => setRelationship(Number(e.target.value))}
            aria-label="Relationship"
            title={relationships.data?.find((r) => r.id === relationshipId)?.label}
          >
            {(relationships.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <SearchBox />
        <span className="spacer" />
        <button type="button" onClick={() => setRegistry('codebook')}>
          Codebook
        </button>
        <button type="button" onClick={() => setRegistry('actors')}>
          Actors
        </button>
        <AgreementMenu />
        <ExportMenu />
        <DeskStatus />
        {transportName === 'browser' && (
          <span
            className="mode"
            title={`Served on 127.0.0.1 only; ${deskOn ? 'only the desk you connected to is reached' : 'nothing leaves this machine'}`}
          >
            browser mode{deskOn ? '' : ' · offline'}
          </span>
        )}
      </header>
      <Library onAdd={() => setAdding(true)} />
      <main className="center">
        <RecoveryBanner />
        <ReadOnlyBanner />
        <Reader />
      </main>
      <aside className="side">
        <ScorePanel />
        <AnnotationList />
        <HistoryPanel />
      </aside>
      <Messages />
      <AddArticleDialog open={adding} onClose={() => setAdding(false)} />
      <CodebookDialog open={registry === 'codebook'} onClose={() => setRegistry(null)} />
      <ActorsDialog open={registry === 'actors'} onClose={() => setRegistry(null)} />
      <ShortcutsHelp />
      <ImportDialog />
    </div>
  );
}
