// Shared test data for the main-process tests: a valid input and output per contract method, a
// stub service for each, and a fake central server (plain node:http) speaking contract/server-api.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MethodInput, MethodName } from '../../../contract/ipc.ts';
import type { AgentWithSite } from '../../../contract/server-api.ts';
import type { Handlers } from '../../../electron/ipc/handlers.ts';

export const AGENT: AgentWithSite = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  login: 'operator',
  displayName: 'Анна Смирнова',
  role: 'operator',
  siteId: 'msk',
  site: { id: 'msk', name: 'Москва', timezone: 'Europe/Moscow' },
};

export const VALID_INPUT: { [M in MethodName]: MethodInput<M> } = {
  'app.getInfo': {},
  'config.get': {},
  'settings.get': {},
  'settings.update': { language: 'en', theme: 'dark', serverUrl: 'https://pult.example.ru', audio: { ringVolume: 0.5 }, autoAnswer: { enabled: true, delaySeconds: 2 }, doNotDisturb: false },
  'session.login': { serverUrl: 'https://pult.example.ru', login: 'operator', password: 'pult-demo' },
  'session.get': {},
  'session.logout': {},
  'connection.getStatus': {},
  'shell.openExternal': { url: 'https://example.ru/help' },
  'sync.getStatus': {},
  'sync.now': {},
  'kb.search': { query: 'оплата картой', categories: ['financial'], limit: 20 },
  'kb.getArticle': { id: '3f0e2f6c-1a2b-4c3d-8e4f-5a6b7c8d9e0f' },
  'kb.feedback': { articleId: '3f0e2f6c-1a2b-4c3d-8e4f-5a6b7c8d9e0f', verdict: 'helped' },
  'scripts.list': {},
  'scripts.get': { id: '5c000000-0000-4000-8000-000000000001' },
  'customers.search': { query: '8 (916) 123-45-67', limit: 20 },
  'customers.get': { id: 'c0000000-0000-4000-8000-000000000001' },
  'customers.setExtraService': { customerId: 'c0000000-0000-4000-8000-000000000001', serviceId: 'static-ip', enabled: true },
  'conversations.get': { id: 'd0000000-0000-4000-8000-000000000001' },
  'conversations.recent': { limit: 10 },
  'conversations.addNote': { conversationId: 'd0000000-0000-4000-8000-000000000001', body: 'Перезагрузили роутер, заработало' },
  'kb.saveArticle': { kind: 'create', draft: { category: 'technical', title: 'Нет подключения', body: 'Проверьте кабель.', tags: [] } },
  'kb.articleHistory': { id: '3f0e2f6c-1a2b-4c3d-8e4f-5a6b7c8d9e0f' },
  'kb.image': { name: 'router-back-panel.svg' },
  'kb.feedbackSummary': { days: 30 },
  'kb.setFavourite': { articleId: '3f0e2f6c-1a2b-4c3d-8e4f-5a6b7c8d9e0f', favourite: true },
  'kb.markOpened': { articleId: '3f0e2f6c-1a2b-4c3d-8e4f-5a6b7c8d9e0f' },
  'kb.listSaved': {},
  'phone.getAccount': {},
  'phone.saveAccount': { account: { websocketUris: ['wss://pbx.example.ru:8089/ws'], extension: '1001', displayName: 'Анна' }, password: 'секрет-sip' },
  'phone.password': {},
  'agent.setState': { state: 'not_ready', reason: 'break' },
  'agent.getState': {},
  'calls.log': {
    callId: '10000000-0000-4000-8000-000000000001', direction: 'in', number: '+74956428585', customerId: null,
    startedAt: '2026-11-26T12:00:00.000Z', answeredAt: null, endedAt: '2026-11-26T12:00:30.000Z', result: 'missed', ivrChoice: '3',
  },
  'calls.wrapUp': { callId: '10000000-0000-4000-8000-000000000001', conversationId: 'd0000000-0000-4000-8000-000000000002', codeId: 'fin.balance', result: 'info_given', note: '' },
  'calls.history': { filter: 'missed', query: '495', limit: 50 },
  'calls.markSeen': {},
  'wrapUp.codes': {},
  'tasks.list': {},
  'tasks.complete': { taskId: '7a000000-0000-4000-8000-000000000001' },
  'connectionRequests.create': {
    phone: '+74951112233', contactName: 'Ольга Миронова', connectionType: 'apartment_ethernet',
    address: { region: 'Москва', city: 'Москва', street: 'Профсоюзная улица', house: '43к2', apartment: '118' },
    tariffId: 'home-100', preferredTime: null, comment: '', callId: null,
  },
  'connectionRequests.list': { limit: 20 },
  'connectionRequests.tariffs': {},
  'inbox.list': { scope: 'mine', channel: 'email', search: 'Иванов', page: 0, pageSize: 50, counts: true },
  'inbox.calls': { id: 'd0000000-0000-4000-8000-000000000001' },
  'inbox.markSeen': { id: 'd0000000-0000-4000-8000-000000000001' },
  'mail.remoteImage': { url: 'https://cdn.example.ru/logo.png' },
  'inbox.attachmentBytes': { id: 'e0000000-0000-4000-8000-000000000001', offset: 0 },
  'inbox.arrivals': { after: 12, openConversationId: null, focused: false, queue: true },
  'composer.send': { conversationId: 'd0000000-0000-4000-8000-000000000001', body: 'Здравствуйте, Анна Сергеевна!', attachments: [] },
  'composer.queued': { conversationId: 'd0000000-0000-4000-8000-000000000001' },
  'composer.cannedResponses': {},
  'composer.getDraft': { conversationId: 'd0000000-0000-4000-8000-000000000001' },
  'composer.saveDraft': { conversationId: 'd0000000-0000-4000-8000-000000000001', body: 'Черновик' },
  'composer.uploadStart': { fileName: 'чек.pdf', mimeType: 'application/pdf', size: 1024 },
  'composer.uploadChunk': { uploadId: 'ab000000-0000-4000-8000-000000000001', index: 0, data: 'JVBERi0xLjcK' },
  'composer.uploadFinish': { uploadId: 'ab000000-0000-4000-8000-000000000001' },
  'composer.uploadCancel': { uploadId: 'ab000000-0000-4000-8000-000000000001' },
  'conversationActions.assign': { conversationId: 'd0000000-0000-4000-8000-000000000001', assigneeId: null },
  'conversationActions.setStatus': { conversationId: 'd0000000-0000-4000-8000-000000000001', status: 'waiting_customer' },
  'conversationActions.setCategory': { conversationId: 'd0000000-0000-4000-8000-000000000001', category: 'technical' },
  'conversationActions.linkCustomer': { conversationId: 'd0000000-0000-4000-8000-000000000001', customerId: 'c0000000-0000-4000-8000-000000000001' },
  'conversationActions.state': { conversationId: 'd0000000-0000-4000-8000-000000000001' },
  'notify.incomingCall': { id: 'call-1', title: 'Входящий звонок', body: '+7 916 123-45-67', answerLabel: 'Ответить', declineLabel: 'Отклонить' },
  'notify.closeCall': { id: 'call-1' },
};

const later = () => new Date(Date.now() + 3600_000).toISOString();
export const SESSION = { serverUrl: 'https://pult.example.ru', serverVersion: '1.0.0', agent: AGENT, expiresAt: later() };

export function stubHandlers(): Handlers {
  return {
    'app.getInfo': () => ({ name: 'Pult', version: '0.1.0', build: 'test', platform: 'linux-x64', host: 'browser' }),
    'config.get': () => ({ preset: {}, sources: [], problems: [] }),
    'settings.get': () => ({ language: 'ru', theme: 'auto', serverUrl: null }),
    'settings.update': (p) => ({ language: p.language ?? 'ru', theme: p.theme ?? 'auto', serverUrl: p.serverUrl ?? null }),
    'session.login': (i) => ({ ...SESSION, serverUrl: i.serverUrl }),
    'session.get': () => null,
    'session.logout': () => ({ ok: true }),
    'connection.getStatus': () => ({ state: 'signed_out', since: new Date().toISOString(), serverUrl: null, serverVersion: null }),
    'shell.openExternal': () => ({ opened: true }),
    'sync.getStatus': () => null,
    'sync.now': () => ({ state: 'online', since: new Date().toISOString(), queued: 0 }),
    'kb.search': () => ({ hits: [{ id: 'a1', title: 'Оплата картой', category: 'financial', snippet: [{ text: 'Оплата', hit: true }, { text: ' картой', hit: false }], score: 1.5 }], total: 1, usedFallback: false }),
    'kb.getArticle': () => null,
    'kb.feedback': () => ({ queued: true }),
    'scripts.list': () => [{ id: '5c000000-0000-4000-8000-000000000001', title: 'Нет подключения', category: 'technical' }],
    'scripts.get': () => null,
    'customers.search': () => ({
      results: [
        {
          id: 'c0000000-0000-4000-8000-000000000001',
          fullName: 'Иванова Анна Сергеевна',
          accountNumber: '10000001',
          phone: '+79161234567',
          address: { region: 'Москва', city: 'Москва', street: 'Профсоюзная улица', house: '12к2', apartment: '45' },
          tariffName: 'Домашний 300',
          balance: -1500,
          matched: 'phone',
          source: 'replica',
        },
      ],
      offline: false,
      askedServer: false,
    }),
    'customers.get': () => ({ card: null, offline: true }),
    'customers.setExtraService': () => ({ queued: true }),
    'conversations.get': () => null,
    'conversations.recent': () => [],
    'conversations.addNote': () => ({ queued: true, noteId: 'e0000000-0000-4000-8000-000000000001' }),
    'kb.saveArticle': () => ({
      article: { id: '3f0e2f6c-1a2b-4c3d-8e4f-5a6b7c8d9e0f', category: 'technical', title: 'Нет подключения', body: 'Проверьте кабель.', tags: [], updatedAt: new Date().toISOString() },
      revision: 1,
    }),
    'kb.articleHistory': () => ({ versions: [] }),
    'kb.image': () => ({ dataUrl: 'data:image/svg+xml;base64,PHN2Zy8+', cached: true }),
    'kb.feedbackSummary': () => ({ days: 30, articles: [] }),
    'kb.setFavourite': (i) => ({ favourite: i.favourite }),
    'kb.markOpened': () => ({ ok: true }),
    'kb.listSaved': () => ({
      favourites: [{ id: '3f0e2f6c-1a2b-4c3d-8e4f-5a6b7c8d9e0f', title: 'Оплата картой', category: 'financial', at: new Date().toISOString() }],
      recent: [],
    }),
    'phone.getAccount': () => ({ account: null, hasPassword: false, presetFields: [] }),
    'phone.saveAccount': (i) => ({ account: i.account, hasPassword: Boolean(i.password), presetFields: [] }),
    'phone.password': () => ({ password: null }),
    'agent.setState': () => ({ queued: true, at: new Date().toISOString() }),
    'agent.getState': () => ({ state: 'ready', reason: null, at: new Date().toISOString() }),
    'calls.log': () => ({ queued: true }),
    'calls.wrapUp': () => ({ queued: true }),
    'calls.history': () => ({ items: [], missedUnseen: 0 }),
    'calls.markSeen': () => ({ ok: true }),
    'wrapUp.codes': () => ({ codes: [{ id: 'fin.balance', category: 'financial', name: 'Баланс и списания', sort: 10, active: true }] }),
    'tasks.list': () => ({ items: [] }),
    'tasks.complete': () => ({ queued: true }),
    'connectionRequests.create': (input) => ({
      queued: true,
      request: { ...input, id: 'b1000000-0000-4000-8000-000000000001', createdBy: AGENT.id, createdAt: '2026-11-26T12:00:00.000Z', status: 'new' },
    }),
    'connectionRequests.list': () => ({ items: [] }),
    'connectionRequests.tariffs': () => ({ tariffs: [{ id: 'home-100', name: 'Домашний 100', speedMbps: 100, monthlyFee: 55_000, connectionType: 'apartment_ethernet' }] }),
    'inbox.list': (input) => ({ total: 0, page: input.page, rows: [] }),
    'inbox.calls': () => ({ calls: [] }),
    'inbox.markSeen': () => ({ ok: true }),
    'mail.remoteImage': () => ({ ok: false, reason: 'unreachable' }),
    'inbox.attachmentBytes': () => ({ ok: false, reason: 'unreachable' }),
    'inbox.arrivals': () => ({ watermark: 12, notices: [] }),
    'composer.send': () => ({ queued: true, messageId: 'f0000000-0000-4000-8000-000000000001' }),
    'composer.queued': () => ({ replies: [] }),
    'composer.cannedResponses': () => ({ responses: [] }),
    'composer.getDraft': () => null,
    'composer.saveDraft': () => ({ ok: true }),
    'composer.uploadStart': () => ({ uploadId: 'ab000000-0000-4000-8000-000000000001' }),
    'composer.uploadChunk': () => ({ ok: true }),
    'composer.uploadFinish': () => ({ id: 'ab000000-0000-4000-8000-000000000002', fileName: 'чек.pdf', mimeType: 'application/pdf', size: 1024, sha256: 'a'.repeat(64), refused: null }),
    'composer.uploadCancel': () => ({ ok: true }),
    'conversationActions.assign': () => ({ queued: true }),
    'conversationActions.setStatus': () => ({ queued: true }),
    'conversationActions.setCategory': () => ({ queued: true }),
    'conversationActions.linkCustomer': () => ({ queued: true }),
    'conversationActions.state': () => ({ pending: [], assignees: [{ id: AGENT.id, displayName: AGENT.displayName, siteId: AGENT.siteId }], assigneeName: AGENT.displayName }),
    'notify.incomingCall': () => ({ shown: false }),
    'notify.closeCall': () => ({ ok: true }),
  };
}

export interface FakeServer {
  url: string;
  /** Replace to change how the server answers. */
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export const TOKEN = 'x'.repeat(40);

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function healthBody(protocol = { min: 1, max: 1 }) {
  return { status: 'ok', version: '1.2.3', protocol, database: 'pglite', time: new Date().toISOString() };
}

/** A central server that accepts operator / pult-demo. */
export function defaultHandler(req: IncomingMessage, body: string, res: ServerResponse): void {
  if (req.url === '/api/health') return json(res, 200, healthBody());
  if (req.url === '/api/auth/login' && req.method === 'POST') {
    const b = JSON.parse(body || '{}') as { login?: string; password?: string };
    if (b.login === 'operator' && b.password === 'pult-demo') return json(res, 200, { token: TOKEN, expiresAt: later(), agent: AGENT });
    return json(res, 401, { error: { code: 'wrong_credentials', message: 'wrong login or password' } });
  }
  if (req.url === '/api/auth/me') {
    if (req.headers.authorization === `Bearer ${TOKEN}`) return json(res, 200, { agent: AGENT, expiresAt: later() });
    return json(res, 401, { error: { code: 'not_authenticated', message: 'no session' } });
  }
  if (req.url === '/api/auth/logout') return json(res, 200, { ok: true });
  return json(res, 404, { error: { code: 'not_found', message: 'no route' } });
}

export async function startFakeServer(): Promise<FakeServer> {
  let server: Server;
  let port = 0;
  const fake: FakeServer = {
    url: '',
    handler: defaultHandler,
    requests: [],
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
    stop: () => fake.close(),
    restart: () => listen(),
  };
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          fake.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
          fake.handler(req, body, res);
        });
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        fake.url = `http://127.0.0.1:${port}`;
        resolve();
      });
    });
  await listen();
  return fake;
}
