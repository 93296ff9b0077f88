// Derives resources/suggest-lexicon.json (what Parley ships for suggestions)
// from the PETRARCH2 dictionaries in ../shared/data/petrarch2 (MIT, Open Event
// Data Alliance): the CAMEO verb patterns and the Phoenix country actors.
//
//   node scripts/derive-lexicon.mjs [--from <folder>]
//
// The output is data only: verb forms with their CAMEO codes, the noun
// patterns that refine a verb's code, and country names/adjectives/capitals
// and recent leaders mapped to a country code. Codes stay CAMEO codes; the
// mapping to the workspace's codebook happens at run time (a code "carries" a
// CAMEO code in its cameo field), so an analyst's own codes can take part.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const fromAt = args.indexOf('--from');
const from = fromAt >= 0 ? args[fromAt + 1] : '/work/shared/data/petrarch2';
const out = 'resources/suggest-lexicon.json';

const stripComment = (line) => line.replace(/#.*$/, '').trimEnd();
const words = (s) => s.replace(/_/g, ' ').toLowerCase().trim();

/** CAMEO code of a `[...]` field: the first code of `[042:043]`, null for `[---]`. */
function codeOf(field) {
  const m = /\[([0-9-]+)/.exec(field ?? '');
  if (!m || m[1].startsWith('-')) return null;
  return m[1];
}

/** Regular English inflections of a verb, as PETRARCH generates them. */
function regularForms(v) {
  const last = v.split(' ').pop();
  const head = v.slice(0, v.length - last.length);
  const forms = new Set([last]);
  if (/(s|x|z|ch|sh)$/.test(last)) forms.add(`${last}es`);
  else if (/[^aeiou]y$/.test(last)) forms.add(`${last.slice(0, -1)}ies`);
  else forms.add(`${last}s`);
  if (last.endsWith('e')) {
    forms.add(`${last}d`);
    forms.add(`${last.slice(0, -1)}ing`);
  } else if (/[^aeiou]y$/.test(last)) {
    forms.add(`${last.slice(0, -1)}ied`);
    forms.add(`${last}ing`);
  } else {
    forms.add(`${last}ed`);
    forms.add(`${last}ing`);
  }
  return [...forms].map((f) => head + f);
}

function parseCameo(text) {
  const synonyms = new Map();
  const lemmas = []; // [lemma, code|null]
  const forms = {}; // form -> lemma index
  const patterns = []; // [lemmaIndexes, before, after, code]
  let set = null;
  let block = null; // { code, lemmaIdx: [] }
  for (const raw of text.split('\n')) {
    const line = stripComment(raw);
    if (/^&\w+/.test(line)) {
      set = line.slice(1).trim().replace(/_$/, '');
      synonyms.set(set, []);
      continue;
    }
    if (set && line.startsWith('+')) {
      synonyms.get(set).push(words(line.slice(1)));
      continue;
    }
    const head = /^---\s+(\S+)\s+(\[[^\]]*\])/.exec(line);
    if (head) {
      set = null;
      block = { code: codeOf(head[2]), lemmaIdx: [] };
      continue;
    }
    if (!block || line.trim() === '') {
      if (line.trim() === '') set = null;
      continue;
    }
    if (line.startsWith('-')) {
      const m = /^-\s+(.*?)\s*(\[[^\]]*\])/.exec(line);
      if (!m) continue;
      const parts = m[1]
        .replace(/[{}()$%^]/g, ' ')
        .replace(/\+/g, ' ')
        .split(/\s+/)
        .filter(Boolean);
      const star = parts.indexOf('*');
      if (star < 0) continue;
      const expand = (w) => (w.startsWith('&') ? (synonyms.get(w.slice(1).replace(/_$/, '')) ?? []) : [words(w)]);
      const before = parts
        .slice(0, star)
        .map(expand)
        .filter((a) => a.length);
      const after = parts
        .slice(star + 1)
        .map(expand)
        .filter((a) => a.length);
      patterns.push([block.lemmaIdx, before, after, codeOf(m[2])]);
      continue;
    }
    const v = /^\+?([A-Z][A-Z0-9_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?/.exec(line.trim());
    if (!v) continue;
    const lemma = words(v[1]);
    const idx = lemmas.length;
    lemmas.push([lemma, v[3] ? codeOf(v[3]) : block.code]);
    block.lemmaIdx.push(idx);
    const irregular = v[2] ? v[2].slice(1, -1).split(/\s+/).filter(Boolean).map(words) : [];
    for (const f of [...regularForms(lemma), ...irregular]) if (!(f in forms)) forms[f] = idx;
  }
  // A pattern belongs to every verb of its block; keep the block's index list once.
  const blocks = [];
  const blockIndex = new Map();
  const pats = patterns.map(([idx, before, after, code]) => {
    const key = idx.join(',');
    if (!blockIndex.has(key)) {
      blockIndex.set(key, blocks.length);
      blocks.push(idx);
    }
    return [blockIndex.get(key), before, after, code];
  });
  return { lemmas, forms, blocks, patterns: pats };
}

/**
 * Country-level names (a line whose own code is a bare three-letter country)
 * with their synonyms, and people whose open-ended date range (">date") says
 * they held office at the dictionary's end. Older leaders are left out: a name
 * from 1990 proposes the wrong actor more often than the right one.
 */
function parseActors(text) {
  const countries = {}; // code -> names
  const leaders = {}; // code -> names
  let names = [];
  const add = (map, code, list) => {
    map[code] ??= [];
    for (const n of list) if (!map[code].includes(n)) map[code].push(n);
  };
  for (const raw of text.split('\n')) {
    const line = stripComment(raw);
    if (!line.trim()) continue;
    const own = /^(\S+)\s+\[([A-Z]{3})\]\s*$/.exec(line);
    if (own) {
      add(countries, own[2], [words(own[1].replace(/_$/, ''))]);
      names = [];
      continue;
    }
    if (/^[^\s+[]/.test(line)) {
      names = [words(line.trim().split(/\s+/)[0].replace(/_$/, ''))];
      continue;
    }
    if (line.startsWith('+')) {
      names.push(words(line.slice(1).trim().replace(/_$/, '')));
      continue;
    }
    const tag = /^\s+\[([A-Z]{3})([A-Z]*)\s*(>\d+)?\]/.exec(line);
    if (tag && tag[3] && /^GOV|^$/.test(tag[2]) && Number(tag[3].slice(1).padStart(8, '19')) >= 20100101) add(leaders, tag[1], names);
  }
  // The synonyms of a country line follow it: collect them in a second pass.
  let current = null;
  for (const raw of text.split('\n')) {
    const line = stripComment(raw);
    const own = /^(\S+)\s+\[([A-Z]{3})\]\s*$/.exec(line);
    if (own) current = own[2];
    else if (line.startsWith('+') && current) add(countries, current, [words(line.slice(1).trim().replace(/_$/, ''))]);
    else if (line.trim() && !line.startsWith('+')) current = null;
  }
  return { countries, leaders };
}

/**
 * Agent nouns (PETRARCH's [~GOV], [~MIL], [~BUS] …) split in two: the state's
 * own (government, military, legislature, courts, police, intelligence) and
 * everyone else's. "A Chinese company offered" is not China offering.
 */
function parseAgents(text) {
  const subst = new Map();
  const state = new Set();
  const nonstate = new Set();
  for (const raw of text.split('\n')) {
    const line = stripComment(raw);
    const set = /^(!\w+!)\s*=\s*(.*)$/.exec(line);
    if (set) {
      subst.set(
        set[1],
        set[2].split(',').map((w) => w.trim().toLowerCase()),
      );
      continue;
    }
    const m = /^(\S+?)\s*\[~([A-Z]+)\]/.exec(line);
    if (!m) continue;
    const name = m[1];
    const key = /!\w+!/.exec(name)?.[0];
    const names = key ? (subst.get(key) ?? []).map((w) => words(name.replace(key, w))) : [words(name)];
    const isState = /^(GOV|MIL|LEG|JUD|COP|SPY)/.test(m[2]);
    for (const n of names) if (n && !n.includes(' ')) (isState ? state : nonstate).add(n.replace(/_$/, ''));
  }
  for (const w of state) nonstate.delete(w);
  return { state: [...state].sort(), nonstate: [...nonstate].sort() };
}

// Parley's own patterns over the CAMEO verbs (see reliefCode in main/services/suggest/lexicon.ts):
// removing or easing a restriction is a concession whichever verb says it (CAMEO 081/085), giving a
// waiver or exemption is the same act, and accepting a demand is yielding (CAMEO 080). PETRARCH
// lists only some verb-object pairs ("lift sanctions" but not "scrap tariffs").
const relief = {
  verbs: [
    'ease',
    'lift',
    'remove',
    'scrap',
    'drop',
    'relax',
    'reduce',
    'cut',
    'lower',
    'waive',
    'exempt',
    'suspend',
    'unfreeze',
    'loosen',
    'soften',
    'roll back',
    'withdraw',
    'end',
    'rescind',
    'revoke',
    'repeal',
    'halt',
    'unblock',
  ],
  sanctions: ['sanction', 'embargo', 'tariff', 'duty', 'duties', 'levy', 'freeze', 'blockade'],
  restrictions: [
    'restriction',
    'ban',
    'curb',
    'control',
    'objection',
    'opposition',
    'veto',
    'rule',
    'requirement',
    'limit',
    'quota',
    'complaint',
    'hold',
    'visa',
    'fee',
    'stance',
  ],
  grants: ['grant', 'give', 'issue', 'offer', 'extend'],
  reliefNouns: ['waiver', 'exemption', 'reprieve', 'relief'],
  yields: ['accept', 'agree', 'accede', 'heed', 'bow', 'meet', 'concede', 'grant'],
  demands: ['demand', 'request', 'condition', 'terms'],
};
const IRREGULAR = { unfreeze: ['unfroze', 'unfrozen'] };
// Verbs whose one meaning is the relief itself, with the CAMEO code that act has.
const RELIEF_CODE = { unfreeze: '085', exempt: '081' };

/** The relief verbs PETRARCH lacks, as verbs mostly with no code of their own (only the relief pattern gives one). */
function addReliefVerbs(cameo) {
  for (const lemma of relief.verbs) {
    if (lemma in cameo.forms) continue;
    const idx = cameo.lemmas.length;
    cameo.lemmas.push([lemma, RELIEF_CODE[lemma] ?? null]);
    for (const f of [...regularForms(lemma), ...(IRREGULAR[lemma] ?? [])]) if (!(f in cameo.forms)) cameo.forms[f] = idx;
  }
}

/**
 * Nouns made from the verbs by the regular English suffixes ("withdraw" ->
 * "withdrawal", "exempt" -> "exemption", "suspend" -> "suspension"), so that
 * "announced the removal of tariffs" is read as the removal. Only suffixes
 * that make an event noun; a form that is already a verb form is left to it.
 */
function nominalForms(v) {
  const rules = [
    [/(ov|us|iv)e$/, (w) => `${w.slice(0, -1)}al`],
    [/[ae]w$/, (w) => `${w}al`],
    [/ny$/, (w) => `${w.slice(0, -1)}ial`],
    [/uce$/, (w) => `${w.slice(0, -2)}ction`],
    [/[pc]t$/, (w) => `${w}ion`],
    [/end$/, (w) => `${w.slice(0, -1)}sion`],
    [/ax$/, (w) => `${w}ation`],
  ];
  const last = v.split(' ').pop();
  const head = v.slice(0, v.length - last.length);
  const out = [];
  for (const [test, make] of rules)
    if (test.test(last)) {
      const n = make(last);
      out.push(head + n, `${head + n}s`);
    }
  return out;
}

function nominals(cameo) {
  const out = {};
  cameo.lemmas.forEach(([lemma], idx) => {
    for (const f of nominalForms(lemma)) if (!(f in cameo.forms) && !(f in out)) out[f] = idx;
  });
  return out;
}

const licence = readFileSync(join(from, 'LICENSE'), 'utf8');
const cameo = parseCameo(readFileSync(join(from, 'CAMEO.2.0.txt'), 'utf8'));
const actors = parseActors(readFileSync(join(from, 'Phoenix.Countries.actors.txt'), 'utf8'));
const agents = parseAgents(readFileSync(join(from, 'Phoenix.agents.txt'), 'utf8'));
addReliefVerbs(cameo);
const nouns = nominals(cameo);
const lexicon = {
  provenance:
    'Derived by scripts/derive-lexicon.mjs from the PETRARCH2 dictionaries CAMEO.2.0.txt and Phoenix.Countries.actors.txt and Phoenix.agents.txt ' +
    '(openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, petrarch2/data/dictionaries).',
  licence,
  lemmas: cameo.lemmas,
  forms: cameo.forms,
  blocks: cameo.blocks,
  patterns: cameo.patterns,
  nominals: nouns,
  relief,
  countries: actors.countries,
  leaders: actors.leaders,
  agents,
};
writeFileSync(out, JSON.stringify(lexicon));
console.log(
  `${out}: ${cameo.lemmas.length} verbs, ${Object.keys(cameo.forms).length} forms, ${Object.keys(nouns).length} nouns, ${cameo.patterns.length} patterns, ` +
    `${Object.keys(actors.countries).length} countries, ${Object.keys(actors.leaders).length} with leaders, ` +
    `${agents.state.length} state and ${agents.nonstate.length} other agent words`,
);
