import type { CliCommand } from './command';

export const infoCommand: CliCommand = {
  summary: 'Shows the workspace file, its schema version and what it holds.',
  usage: 'info',
  options: {},
  async run(_values, positionals, { call, out }) {
    if (positionals.length) {
      out('info takes no arguments besides --workspace.');
      return 2;
    }
    const info = await call('workspace:info');
    out(`Workspace:   ${info.path}`);
    out(`Schema:      version ${info.schemaVersion}`);
    out(`Articles:    ${info.articleCount} (${info.sampleArticleCount} sample)`);
    out(`Annotations: ${info.annotationCount}`);
    return 0;
  },
};
