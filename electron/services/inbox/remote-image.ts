// Fetches one remote image of a customer's letter for the renderer (contract/remote-image-ipc.ts),
// after the operator asked to see the letter's images. A hostile letter decides the address, so:
// - only addresses on the public internet: the name is resolved first and every address it gives
//   must be public unicast (no loopback, private, link-local, CGNAT, ULA…), so a letter cannot make
//   the operator's PC call the office router or an intranet page; each redirect is checked again;
// - no cookies, no Referer, nothing identifying (fetch sends none); a short timeout;
// - at most REMOTE_IMAGE_MAX_BYTES read, and only bytes that start as a raster picture.
// A name could resolve differently between the check and the fetch (DNS rebinding); the window is
// small and the answer is only ever shown as an image.
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { REMOTE_IMAGE_MAX_BYTES, type RemoteImage } from '../../../contract/remote-image-ipc.ts';
import { sniffRasterImage } from './sniff-raster-image.ts';
import { readAtMost } from './read-at-most.ts';

const MAX_REDIRECTS = 3;

export interface RemoteImageOptions {
  fetchImpl?: typeof fetch;
  /** The addresses a host name resolves to (tests resolve their own names). */
  resolve?: (host: string) => Promise<string[]>;
  /** Lets tests reach their loopback server; never set by the app. */
  allowLocalAddresses?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

const resolveAll = async (host: string) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

function isPublic(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

async function hostIsPublic(url: URL, resolve: (host: string) => Promise<string[]>): Promise<boolean> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  return addresses.length > 0 && addresses.every(isPublic);
}

export async function fetchRemoteImage(address: string, opts: RemoteImageOptions = {}): Promise<RemoteImage> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const resolve = opts.resolve ?? resolveAll;
  const maxBytes = opts.maxBytes ?? REMOTE_IMAGE_MAX_BYTES;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
  let url = new URL(address);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'not_an_image' };
      if (!opts.allowLocalAddresses && !(await hostIsPublic(url, resolve))) return { ok: false, reason: 'local_address' };
      const res = await fetchImpl(url, { redirect: 'manual', signal, credentials: 'omit', referrerPolicy: 'no-referrer', headers: { accept: 'image/*' } });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        return { ok: false, reason: 'http_error' };
      }
      const bytes = await readAtMost(res, maxBytes);
      if (!bytes) return { ok: false, reason: 'too_large' };
      const type = sniffRasterImage(bytes);
      return type ? { ok: true, type, base64: Buffer.from(bytes).toString('base64') } : { ok: false, reason: 'not_an_image' };
    }
    return { ok: false, reason: 'too_many_redirects' };
  } catch (e) {
    if (signal.aborted) return { ok: false, reason: 'timeout' };
    if ((e as { code?: string }).code === 'ENOTFOUND') return { ok: false, reason: 'unreachable' };
    return { ok: false, reason: 'unreachable' };
  }
}
