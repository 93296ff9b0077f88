/**
 * The desk password in the desktop app: encrypted by the operating system's
 * credential store (Electron safeStorage: Keychain, DPAPI, libsecret) into a
 * file of the user-data folder, never into the workspace. Where the OS offers
 * no store, nothing is written and the password lasts the session.
 *
 * safeStorage runs on the main thread only, while the desk sync runs in the
 * workspace worker: the main thread decrypts the stored passwords when the
 * worker starts and encrypts the ones the worker reports the analyst gave.
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { deskPasswordKey } from '../services/desk/connection';

const PREFIX = 'desk-password-';
const SUFFIX = '.bin';

/** Every stored desk password, by deskPasswordKey(user); empty where the OS has no credential store. */
export function readDeskPasswords(userData: string): Record<string, string> {
  if (!safeStorage.isEncryptionAvailable() || !fs.existsSync(userData)) return {};
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(userData)) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) continue;
    try {
      out[name.slice(PREFIX.length, -SUFFIX.length)] = safeStorage.decryptString(fs.readFileSync(path.join(userData, name)));
    } catch {
      // A file another user's keyring wrote cannot be read here: the analyst is asked for the password again.
    }
  }
  return out;
}

/** Stores the password, or removes the stored one (null: the analyst disconnected). */
export function writeDeskPassword(userData: string, user: string, password: string | null): void {
  const file = path.join(userData, `${PREFIX}${deskPasswordKey(user)}${SUFFIX}`);
  if (password === null) fs.rmSync(file, { force: true });
  else if (safeStorage.isEncryptionAvailable()) fs.writeFileSync(file, safeStorage.encryptString(password), { mode: 0o600 });
}
