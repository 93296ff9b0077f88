/**
 * Saved web pages: the article body found with Mozilla Readability on a
 * linkedom DOM (fast, runs and loads nothing), its text read off the same tree
 * (no markup is kept), and the metadata read from <meta>, Open Graph, JSON-LD
 * and the canonical link.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText } from './decodeText';
import { dateFromDocument, emptyDocument, httpUrlOrEmpty, ImportRefusal, type ParsedDocument } from './document';
import { domToText, type MinimalNode } from './htmlText';
import { assertReasonableNesting } from './nesting';

type Doc = ReturnType<typeof parseHTML>['document'];
type El = NonNullable<ReturnType<Doc['querySelector']>>;

/** Tokens of class or id that mark advertising and page furniture rather than the article. */
const NOISE_TOKEN =
  /^(ads?|advert|advertisement|adslot|ad-.*|.*-ad|.*-ads|promo|sponsor(ed)?|cookie.*|consent|newsletter|share|sharing|social|related|outbrain|taboola|paywall|subscribe)$/i;
const NOISE_TAGS =
  'script, style, noscript, iframe, frame, frameset, object, embed, form, button, input, select, textarea, template, svg, canvas, nav, footer';

export function charsetFromHtmlBytes(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
}

export function importHtmlBytes(bytes: Uint8Array): ParsedDocument {
  const { text } = decodeText(bytes, charsetFromHtmlBytes(bytes));
  return importHtml(text);
}

export function importHtml(source: string): ParsedDocument {
  const doc = emptyDocument('HTML');
  if (!source.trim()) throw new ImportRefusal('This page is empty.');
  assertReasonableNesting(source);
  const { document } = parseHTML(/<html[\s>]/i.test(source) ? source : `<!DOCTYPE html><html><head></head><body>${source}</body></html>`);
  const meta = readMetadata(document);
  removeNoise(document);
  let article: MinimalNode | null = plainArticle(document, meta);
  let readabilityTitle = '';
  if (!article) {
    try {
      // The serializer hands back Readability's own element, so the text is read off the tree it built.
      const parsed = new Readability<MinimalNode>(document, {
        charThreshold: 200,
        serializer: (el) => el,
      }).parse();
      if (parsed?.content) {
        article = parsed.content;
        readabilityTitle = parsed.title ?? '';
        meta.author ||= parsed.byline ?? '';
        meta.outlet ||= parsed.siteName ?? '';
        meta.date ||= parsed.publishedTime ?? '';
      }
    } catch {
      // Readability gives up on odd pages; the whole body is used instead.
    }
  }
  const text = article ? domToText(article) : document.body ? domToText(document.body) : '';
  const pageTitle = (document.querySelector('title')?.textContent ?? '').trim();
  doc.title = clean(meta.title || readabilityTitle || stripSiteSuffix(pageTitle) || document.querySelector('h1')?.textContent || '');
  doc.author = clean(meta.author);
  doc.outlet = clean(meta.outlet || siteSuffix(pageTitle));
  doc.publishedOn = dateFromDocument(meta.date);
  doc.url = httpUrlOrEmpty(meta.url);
  doc.text = dropLeadingTitle(text, doc.title);
  return doc;
}

const BYLINE = '.byline, [rel="author"], [itemprop="author"]';

/**
 * The page's one <article>, when it plainly holds the story (most of the body's text, a story's length, its
 * headline first, no captions, asides or tables):
 * Readability's scoring of every block, about half the cost of reading a page, is then not needed. Its byline
 * element goes to the author, as Readability would take it.
 */
function plainArticle(document: Doc, meta: PageMetadata): MinimalNode | null {
  const articles = document.getElementsByTagName('article');
  const article = articles[0];
  if (articles.length !== 1 || !article) return null;
  const length = (article.textContent ?? '').trim().length;
  const body = (document.body?.textContent ?? '').trim().length;
  if (length < 500 || length < 0.7 * body) return null;
  // Furniture Readability would weigh (captions, asides, tables, a kicker above the headline): left to it.
  if (article.querySelector('figure, figcaption, aside, header, table')) return null;
  if (article.querySelector('h1') && article.firstElementChild?.tagName !== 'H1') return null;
  for (const el of [...article.querySelectorAll(BYLINE)]) {
    const byline = (el.textContent ?? '').trim();
    if (byline.length > 100) continue;
    meta.author ||= byline.replace(/^by\s+/i, '');
    el.remove();
  }
  return article;
}

function clean(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

function stripSiteSuffix(title: string): string {
  return title.replace(/\s+[|–—-]\s+[^|–—-]{2,60}$/, '').trim();
}

function siteSuffix(title: string): string {
  return /\s[|–—-]\s([^|–—-]{2,60})$/.exec(title)?.[1]?.trim() ?? '';
}

/** Readability keeps a repeated headline at the top of the body; the title is stored apart. */
function dropLeadingTitle(text: string, title: string): string {
  const [first, ...rest] = text.split('\n\n');
  return first && title && first.trim() === title.trim() && rest.length > 0 ? rest.join('\n\n') : text;
}

const NOISE_TAG_NAMES = new Set(NOISE_TAGS.split(',').map((t) => t.trim().toUpperCase()));

/** Drops page furniture in one walk of the tree (two selector queries cost more than the walk: linkedom compiles each). */
function removeNoise(document: Doc): void {
  const noisy = (el: El) => {
    if (NOISE_TAG_NAMES.has(el.tagName)) return true;
    if (el.tagName === 'BODY' || el.tagName === 'HTML') return false;
    const tokens = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/);
    return tokens.some((t) => t && NOISE_TOKEN.test(t));
  };
  const walk = (parent: El) => {
    for (const el of [...parent.children] as El[]) {
      if (noisy(el)) el.remove();
      else walk(el);
    }
  };
  walk(document.documentElement);
}

interface PageMetadata {
  title: string;
  author: string;
  outlet: string;
  date: string;
  url: string;
}

type MetaMap = Map<string, string>;

/** Every <meta> of the page by property, name and itemprop (first one wins), read in one pass. */
function metaMap(document: Doc): MetaMap {
  const map: MetaMap = new Map();
  for (const el of [...document.querySelectorAll('meta')]) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const key of [el.getAttribute('property'), el.getAttribute('name'), el.getAttribute('itemprop')]) {
      if (key && !map.has(key.toLowerCase())) map.set(key.toLowerCase(), content);
    }
  }
  return map;
}

function metaContent(meta: MetaMap, ...keys: string[]): string {
  for (const key of keys) {
    const v = meta.get(key.toLowerCase());
    if (v) return v;
  }
  return '';
}

function readMetadata(document: Doc): PageMetadata {
  const ld = readJsonLdArticle(document);
  const meta = metaMap(document);
  const authorMeta = metaContent(meta, 'author', 'article:author', 'byl', 'dc.creator', 'parsely-author');
  const timeEl = document.querySelector('article time[datetime], time[datetime]');
  return {
    title: ld.title || metaContent(meta, 'og:title', 'twitter:title', 'dc.title', 'headline'),
    author: ld.author || (/^https?:/i.test(authorMeta) ? '' : authorMeta.replace(/^by\s+/i, '')),
    outlet: ld.outlet || metaContent(meta, 'og:site_name', 'publisher', 'application-name', 'dc.publisher'),
    date:
      ld.date ||
      metaContent(
        meta,
        'article:published_time',
        'datePublished',
        'date',
        'pubdate',
        'publishdate',
        'dc.date.issued',
        'dc.date',
        'parsely-pub-date',
        'sailthru.date',
      ) ||
      (timeEl?.getAttribute('datetime') ?? ''),
    url: document.querySelector('link[rel="canonical"]')?.getAttribute('href') || metaContent(meta, 'og:url') || ld.url,
  };
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|ScholarlyArticle|WebPage)$/;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function names(v: Json | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(names).filter(Boolean).join(', ');
  if (typeof v === 'object') return typeof v.name === 'string' ? v.name : '';
  return '';
}

function urlOf(v: Json | undefined): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['@id'] === 'string') return v['@id'];
  return '';
}

function readJsonLdArticle(document: Doc): { title: string; author: string; outlet: string; date: string; url: string } {
  const found: { [k: string]: Json }[] = [];
  const visit = (v: Json) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const types = ([] as Json[]).concat(v['@type'] ?? []);
      if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(v);
      if (v['@graph']) visit(v['@graph']);
    }
  };
  for (const script of [...document.querySelectorAll('script[type="application/ld+json"]')]) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json);
    } catch {
      // Broken JSON-LD is common; the other metadata still applies.
    }
  }
  // A NewsArticle says more than the WebPage around it.
  found.sort((a, b) => Number(String(a['@type']).includes('WebPage')) - Number(String(b['@type']).includes('WebPage')));
  const a = found[0];
  if (!a) return { title: '', author: '', outlet: '', date: '', url: '' };
  return {
    title: typeof a.headline === 'string' ? a.headline : typeof a.name === 'string' ? a.name : '',
    author: names(a.author),
    outlet: names(a.publisher),
    date: typeof a.datePublished === 'string' ? a.datePublished : typeof a.dateCreated === 'string' ? a.dateCreated : '',
    url: urlOf(a.mainEntityOfPage) || (typeof a.url === 'string' ? a.url : ''),
  };
}
