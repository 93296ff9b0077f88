/**
 * The page reader's DOM, linkedom, as patches/linkedom+*.patch leaves it (applied by `npm install`'s
 * postinstall): a node's listener map is made with its first listener instead of with every node, which took a
 * third of a page's parse. Events must still work as before, and a node that never had a listener must take
 * every call a node with listeners takes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';

describe('linkedom as patched', () => {
  it('is the patched copy: no listener map is made in the constructor', () => {
    // Both builds of the module (the app's bundle takes the ES one, Node's require the CommonJS one).
    for (const build of ['esm', 'cjs']) {
      const source = fs.readFileSync(path.join('node_modules', 'linkedom', build, 'interface', 'event-target.js'), 'utf8');
      expect(source, `${build}: run npm install, which applies patches/ (patch-package)`).not.toMatch(/constructor\(\)\s*\{\s*wm\.set/);
    }
  });

  it('listeners are added, called once or every time, stop, bubble and are removed as before', () => {
    const { document, Event } = parseHTML('<html><body><div id="outer"><p id="inner">text</p></div></body></html>');
    const outer = document.getElementById('outer')!;
    const inner = document.getElementById('inner')!;
    const calls: string[] = [];
    const onInner = () => calls.push('inner');
    inner.addEventListener('ping', onInner);
    inner.addEventListener('ping', () => calls.push('inner-once'), { once: true });
    outer.addEventListener('ping', () => calls.push('outer'));
    inner.dispatchEvent(new Event('ping', { bubbles: true }));
    inner.dispatchEvent(new Event('ping', { bubbles: false }));
    expect(calls).toEqual(['inner', 'inner-once', 'outer', 'inner']);
    inner.removeEventListener('ping', onInner);
    inner.dispatchEvent(new Event('ping'));
    expect(calls).toHaveLength(4);
  });

  it('a node that never had a listener takes removeEventListener and dispatchEvent', () => {
    const { document, Event } = parseHTML('<html><body><p id="quiet">text</p></body></html>');
    const quiet = document.getElementById('quiet')!;
    expect(() => quiet.removeEventListener('ping', () => {})).not.toThrow();
    expect(quiet.dispatchEvent(new Event('ping', { bubbles: true }))).toBe(true);
  });
});
