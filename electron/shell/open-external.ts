// The one place Pult asks the OS to open a URL: http(s) only, no credentials (url-policy.ts), so a
// page can never launch file:, smb: or a custom scheme handler through us.
import { shell } from 'electron';
import { externalUrl } from '../services/security/url-policy.ts';

export async function openInBrowser(url: string): Promise<boolean> {
  const safe = externalUrl(url);
  if (!safe) return false;
  await shell.openExternal(safe, { activate: true });
  return true;
}
