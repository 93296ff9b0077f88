import { useEffect, useState } from 'react';
import { AddArticleDialog } from './components/AddArticleDialog';
import { AnnotationList } from './components/AnnotationList';
import { ExportMenu } from './components/ExportMenu';
import { ImportDialog } from './components/ImportDialog';
import { Library } from './components/Library';
import { Reader } from './components/Reader';
import { ScorePanel } from './components/ScorePanel';
import { transportName } from './api';
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
          <select value={relationshipId ?? ''} onChange={(e) => setRelationship(Number(e.target.value))} aria-label="Relationship">
            {(relationships.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <ExportMenu />
        {transportName === 'browser' && (
          <span className="mode" title="Served on 127.0.0.1 only; nothing leaves this machine">
            browser mode · offline
          </span>
        )}
      </header>
      <Library onAdd={() => setAdding(true)} />
      <main className="center">
        <Reader />
      </main>
      <aside className="side">
        <ScorePanel />
        <AnnotationList />
      </aside>
      <Messages />
      <AddArticleDialog open={adding} onClose={() => setAdding(false)} />
      <ImportDialog />
    </div>
  );
}
