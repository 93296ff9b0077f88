/**
 * The desk password in the desktop app: encrypted by the operating system's
 * credential store (Electron safeStorage: Keychain, DPAPI, libsecret) into a
 * file of the user-data folder, never into the workspace. Where the OS offers
 * no store, nothing is written and the password lasts the session.
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { PasswordStore } from '../services/desk/connection';

export function safeStoragePasswords(userData: string): PasswordStore {
  const file = (user: string) => path.join(userData, `desk-password-${user.replace(/[^a-z0-9_]/g, '_')}.bin`);
  return {
    read(user) {
      if (!safeStorage.isEncryptionAvailable() || !fs.existsSync(file(user))) return null;
      return safeStorage.decryptString(fs.readFileSync(file(user)));
    },
    write(user, password) {
      if (!safeStorage.isEncryptionAvailable()) return;
      fs.writeFileSync(file(user), safeStorage.encryptString(password), { mode: 0o600 });
    },
  };
}
