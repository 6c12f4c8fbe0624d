// Each contract method mapped to the service that answers it.
import type { Article } from '../../contract/domain/article.ts';
import type { TroubleshootingScript } from '../../contract/domain/script.ts';
import { ScriptList } from '../../contract/kb.ts';
import { createCustomerService } from '../services/customers/customer-service.ts';
import { createServerCustomers } from '../services/customers/server-customers.ts';
import { ServiceError } from '../services/errors.ts';
import { externalUrl } from '../services/security/url-policy.ts';
import type { Services } from '../services/compose.ts';
import type { Handlers } from './handlers.ts';

export function handlersFor(s: Services): Handlers {
  // The signed-in agent's replica; reads before sign-in are refused in words.
  const replica = () => {
    const r = s.sync.current();
    if (!r) throw new ServiceError('not_authenticated', 'sign in to read the local data');
    return r.db;
  };
  const customers = createCustomerService({
    replica,
    server: createServerCustomers({ session: () => s.session.current() }),
    isOffline: () => s.connection.status().state === 'offline',
  });
  return {
    'app.getInfo': () => s.info,
    'config.get': () => s.config(),
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.settings.update(patch),
    'session.login': (input) => s.session.login(input),
    'session.get': () => s.session.get(),
    'session.logout': () => s.session.logout(),
    'connection.getStatus': () => s.connection.status(),
    'shell.openExternal': async ({ url }) => {
      const safe = externalUrl(url);
      if (!safe) throw new ServiceError('invalid_input', 'only http(s) URLs without credentials open outside the app', 'input.url');
      return { opened: await s.openUrl(safe) };
    },
    'sync.getStatus': () => s.sync.status(),
    'sync.now': () => s.sync.syncNow(),
    'kb.search': (input) => replica().searchKb(input),
    'kb.feedback': async (input) => {
      const r = s.sync.current();
      if (!r) throw new ServiceError('not_authenticated', 'sign in to rate articles');
      await r.engine.enqueue('article.feedback', input);
      return { queued: true as const };
    },
    'scripts.list': async () => ScriptList.parse(await replica().listScripts()),
    'scripts.get': async ({ id }) => ((await replica().getRow('script', id))?.data as TroubleshootingScript | undefined) ?? null,
    'kb.getArticle': async ({ id }) => ((await replica().getRow('article', id))?.data as Article | undefined) ?? null,
    'customers.search': (input) => customers.search(input),
    'customers.get': ({ id }) => customers.get(id),
  };
}
