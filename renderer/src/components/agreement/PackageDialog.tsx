import { useState } from 'react';
import { useApiAction } from '../../state/mutation';
import { useArticleChoices } from '../../state/queries';
import { useUi } from '../../state/ui';
import { saveExported } from '../exchange/saveFile';
import { ModalDialog } from '../ModalDialog';

/**
 * Blind double-coding: pick the articles a second coder should code and save
 * the package (texts, codebook, actors, no tags). Merging their coded copy
 * back (Export → Import…) brings their layer.
 */
export function PackageDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const articles = useArticleChoices();
  const exportPackage = useApiAction('package:export');
  const say = useUi((s) => s.say);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const items = articles.data?.items ?? [];
  const toggle = (id: number) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const save = async () => {
    try {
      const file = await exportPackage.mutateAsync({ articleIds: [...chosen] });
      saveExported(file);
      say('info', `Saved ${file.fileName}: ${chosen.size} articles for a second coder, without your tags.`);
      onClose();
    } catch (err) {
      say('error', (err as Error).message);
    }
  };
  return (
    <ModalDialog open={open} onClose={onClose} title="Package for a second coder" className="package-dialog">
      <p>
        The package holds the chosen articles, the codebook and the actors, and none of your tags. Your colleague opens it in their Parley,
        codes it and sends it back; import it with Export → Import… to compare.
      </p>
      <ul className="package-list" aria-label="Articles to package">
        {items.map((a) => (
          <li key={a.id}>
            <label>
              <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} /> {a.title}{' '}
              <span className="muted">{a.publishedOn}</span>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" disabled={chosen.size === 0} onClick={() => void save()}>
        Save package ({chosen.size})
      </button>
    </ModalDialog>
  );
}
