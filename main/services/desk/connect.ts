/**
 * The Desk dialog's side of the setting: connect only to a desk that answers,
 * is one (`desk init` ran there) and knows the analyst, so that a mistyped
 * host or password is said at once and never saved; disconnect; and the
 * setting as the dialog shows it, without the password.
 */
import type { DeskSetting } from '../../../shared/api/deskWindow';
import type { DeskStatus } from '../../../shared/api/desk';
import { ApiError } from '../../../shared/api/errors';
import { probeDesk } from '../../db/deskProbe';
import { DESK_SCHEMA_VERSION } from '../../db/deskServer';
import { getSetting, setSetting } from '../../db/settings';
import type { AppContext } from '../context';
import { deskStatus, syncNow } from './background';
import {
  checkDeskConfig,
  clearDeskConfig,
  connectDesk,
  deskPassword,
  loadDeskConfig,
  saveDeskConfig,
  setSessionPassword,
  type DeskConfig,
} from './connection';
import { deskErrorText } from './errors';
import { hasSynced } from './sync';

/** The desk this workspace's cursors belong to, kept after a Disconnect. */
const JOINED = 'desk.joined';
const address = (c: DeskConfig) => `${c.host.toLowerCase()}:${c.port}/${c.database}`;

export function deskSetting(ctx: AppContext): DeskSetting {
  const c = loadDeskConfig(ctx);
  return c ? { ...c, passwordKept: deskPassword(ctx, c.user) !== undefined } : null;
}

/** Refuses a desk other than the one this workspace synced with: its cursors count that desk's change sets. */
function checkSameDesk(ctx: AppContext, c: DeskConfig): void {
  const saved = loadDeskConfig(ctx);
  const joined = getSetting(ctx.workspace.db, JOINED) ?? (saved ? address(saved) : null);
  if (joined !== null && joined !== address(c) && hasSynced(ctx))
    throw new ApiError(
      'BAD_INPUT',
      `This workspace has synced with the desk at ${joined}; it cannot move to ${address(c)}. Start a new workspace for that desk (its first sync brings the corpus).`,
    );
}

export async function connectToDesk(ctx: AppContext, input: DeskConfig & { password?: string }): Promise<DeskStatus> {
  const { password, ...config } = input;
  checkDeskConfig(config);
  checkSameDesk(ctx, config);
  const given = password ? password : deskPassword(ctx, config.user);
  const client = await connectDesk(config, given).catch((err: unknown) => {
    throw new ApiError('BAD_INPUT', deskErrorText(err, config));
  });
  try {
    const probe = await probeDesk(client).catch((err: unknown) => {
      throw new ApiError('BAD_INPUT', deskErrorText(err, config));
    });
    const where = `“${config.database}” on ${config.host}`;
    if (probe.schema === 0)
      throw new ApiError(
        'BAD_INPUT',
        `The database ${where} is not a desk yet: its IT prepares it with npm run cli -- desk init (docs/desk.md).`,
      );
    if (probe.schema > DESK_SCHEMA_VERSION)
      throw new ApiError(
        'BAD_INPUT',
        `The desk ${where} was prepared by a newer Parley (desk schema ${probe.schema}): update Parley first.`,
      );
    if (!probe.analyst)
      throw new ApiError(
        'BAD_INPUT',
        `The desk ${where} has no analyst “${config.user}”: ask its IT to add you (desk init --analyst ${config.user}).`,
      );
  } finally {
    await client.end().catch(() => {});
  }
  saveDeskConfig(ctx, config);
  setSetting(ctx.workspace.db, JOINED, address(config));
  if (password) setSessionPassword(ctx, config.user, password);
  // The first round starts now, in the background: a first sync of a large desk takes a while, and the status shows its
  // progress. The round puts its own failures in the status; the status it resolves with can fail only when the
  // workspace closed meanwhile, and then nobody is left to tell.
  syncNow(ctx).catch(() => {});
  return deskStatus(ctx);
}

export function disconnectDesk(ctx: AppContext): DeskStatus {
  clearDeskConfig(ctx);
  return deskStatus(ctx);
}
