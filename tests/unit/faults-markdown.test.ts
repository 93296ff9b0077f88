/** Issue 12, item 6: a Markdown link whose target holds parentheses keeps its text and nothing of the target. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importMarkdown } from '../../main/services/import/plain';
import { recordFigures } from '../helpers/figures';
import { tempDir } from '../helpers/workspace';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('the Markdown importer', () => {
  it('turns [click](javascript:alert(1)) into "click" and keeps targets out of the text', () => {
    const dir = tempDir('parley-md-');
    dirs.push(dir);
    const file = path.join(dir, 'links.md');
    fs.writeFileSync(
      file,
      [
        '# Links',
        '',
        'Read [click](javascript:alert(1)) then [the wiki](https://en.wikipedia.org/wiki/Talks_(2026) "Talks") and ![a map](map_(1).png).',
        '',
        'A plain [link](https://example.org/a) stays plain.',
      ].join('\n'),
    );
    const doc = importMarkdown(fs.readFileSync(file));
    expect(doc.text).toContain('Read click then the wiki and a map.');
    expect(doc.text).toContain('A plain link stays plain.');
    expect(doc.text).not.toMatch(/javascript|alert|\)\s|wikipedia|png/);
    recordFigures('fault-markdown-links', { links: 4, leftoverTargetCharacters: 0 });
  });
});
