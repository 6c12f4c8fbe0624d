// Where the session token is kept between calls (and, in Electron, between runs). Electron's
// implementation (safeStorage: DPAPI / Keychain / libsecret) lives in electron/shell/; the browser
// host keeps it in memory, so a restarted host signs in again.
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}
