/** What the Desk dialog checks before it saves a setting: that the database is a desk, and one that knows this analyst. */
import type pg from 'pg';
import { deskSchemaVersion } from './deskServer';

export interface DeskProbe {
  /** The desk schema's version (0: `desk init` has not run there). */
  schema: number;
  /** Whether the connected role is one of the desk's analysts. */
  analyst: boolean;
}

const PERMISSION_DENIED = '42501';

export async function probeDesk(client: pg.ClientBase): Promise<DeskProbe> {
  try {
    const schema = await deskSchemaVersion(client);
    if (schema === 0) return { schema, analyst: false };
    const found = await client.query('SELECT 1 FROM parley.analysts WHERE name = current_user');
    return { schema, analyst: (found.rowCount ?? 0) > 0 };
  } catch (err) {
    // A role outside the analysts' group may not even read the desk's schema: a desk that does not know them.
    if ((err as { code?: string }).code === PERMISSION_DENIED) return { schema: 1, analyst: false };
    throw err;
  }
}
