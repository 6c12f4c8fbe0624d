// The renderer's CSP as the SIP account changes: connect-src lists IT's preset SIP servers and the
// ones the operator saved in Settings — those ws:// or wss:// origins and nothing else. A policy is
// fixed for a document's lifetime, so it is re-read when a page is served (the settings view
// reloads the page after the servers change); other responses get the latest one.
import { WsUrl } from '../../../contract/config.ts';
import type { Log } from '../log.ts';
import { buildCsp } from './csp.ts';

export interface LiveCsp {
  /** The policy last built (sync, for response hooks). */
  current(): string;
  /** Re-reads the saved account's servers and rebuilds. */
  refresh(): Promise<string>;
}

export interface LiveCspOptions {
  presetSipUris: readonly string[];
  /** The operator's saved SIP servers (IT's preset already merged in, or not: duplicates are dropped). */
  accountSipUris: () => Promise<readonly string[]>;
  extraConnectSrc?: readonly string[];
  log?: Pick<Log, 'warn'>;
}

/** Only ws:// and wss:// URIs: an http(s) URI in a SIP account is not a SIP server the page may call. */
export function sipSources(uris: readonly string[]): string[] {
  return [...new Set(uris.filter((u) => WsUrl.safeParse(u).success))];
}

export function liveCsp(opts: LiveCspOptions): LiveCsp {
  const build = (account: readonly string[]) =>
    buildCsp({ sipWebsocketUris: sipSources([...opts.presetSipUris, ...account]), extraConnectSrc: opts.extraConnectSrc ?? [] });
  let policy = build([]);
  return {
    current: () => policy,
    async refresh() {
      try {
        policy = build(await opts.accountSipUris());
      } catch (e) {
        // The preset's servers still work; the saved ones wait for the next page load.
        opts.log?.warn({ err: e }, 'SIP account not read for the CSP');
      }
      return policy;
    },
  };
}
