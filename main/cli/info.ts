import { handlers } from '../api/handlers';
import type { CliCommand } from './main';

export const infoCommand: CliCommand = {
  summary: 'Shows the workspace file, its schema version and what it holds.',
  usage: 'info',
  async run(_args, ctx, out) {
    const info = await handlers['workspace:info']({}, ctx);
    out(`Workspace:   ${info.path}`);
    out(`Schema:      version ${info.schemaVersion}`);
    out(`Articles:    ${info.articleCount} (${info.sampleArticleCount} sample)`);
    out(`Annotations: ${info.annotationCount}`);
    return 0;
  },
};
