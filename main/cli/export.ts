import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FORMATS } from '../../shared/api/exchange';
import { text, numeric, type CliCommand } from './command';

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const exportCommand: CliCommand = {
  summary: `Writes a brief or data export: ${EXPORT_FORMATS.join(', ')}.`,
  usage:
    'export <format> --relationship USA-IND --out <file> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--codes THREAT,OVERTURE] ' +
    '[--group-by code|date] [--analyst "Name"] [--half-life 30]',
  options: {
    relationship: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    codes: { type: 'string' },
    'group-by': { type: 'string' },
    analyst: { type: 'string' },
    'half-life': { type: 'string' },
  },
  async run(values, positionals, { call, out }) {
    const [format, ...extra] = positionals;
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format) || extra.length) {
      out(`Name one format: ${EXPORT_FORMATS.join(', ')}.`);
      return 2;
    }
    const [a, b] = (text(values, 'relationship') ?? '').toUpperCase().split(/[-–]/);
    const rels = await call('relationships:list');
    const rel = rels.find((r) => {
      const codes = [r.actorA.code.toUpperCase(), r.actorB.code.toUpperCase()];
      return !!a && !!b && codes.includes(a) && codes.includes(b) && a !== b;
    });
    if (!rel) {
      out(`Name the relationship with --relationship, one of: ${rels.map((r) => `${r.actorA.code}-${r.actorB.code}`).join(', ')}.`);
      return 2;
    }
    const codes = await call('codebook:list');
    const codeIds: number[] = [];
    const unknown: string[] = [];
    for (const key of list(text(values, 'codes')) ?? []) {
      const code = codes.find((c) => c.key === key.toUpperCase());
      if (code) codeIds.push(code.id);
      else unknown.push(key);
    }
    if (unknown.length) {
      out(`Unknown code(s): ${unknown.join(', ')}. Codes: ${codes.map((c) => c.key).join(', ')}.`);
      return 2;
    }
    const file = await call('export:file', {
      format,
      relationshipId: rel.id,
      halfLifeDays: numeric(text(values, 'half-life')),
      fromDate: text(values, 'from'),
      toDate: text(values, 'to'),
      codeIds: codeIds.length ? codeIds : undefined,
      groupBy: text(values, 'group-by'),
      analyst: text(values, 'analyst'),
    });
    const dest = path.resolve(text(values, 'out') || file.fileName);
    const partial = `${dest}.partial`;
    fs.writeFileSync(partial, Buffer.from(file.content, file.encoding));
    fs.renameSync(partial, dest);
    out(`Wrote ${dest} (${fs.statSync(dest).size.toLocaleString('en')} bytes, ${file.mimeType}).`);
    return 0;
  },
};
