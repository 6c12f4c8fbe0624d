// Realistic rows for the replica tests, each checked against its contract schema: knowledge-base
// articles, customers, agents, conversations, messages and calls in Russian, deterministic by index.
import { SYNC_ENTITY_SCHEMAS, type SyncEntityName, type SyncEntityRow } from '../../../contract/sync.ts';

const PREFIX: Record<SyncEntityName, string> = {
  article: 'a0000000',
  tariff: 't0000000',
  extra_service: 'e0000000',
  agent: 'b0000000',
  customer: 'c0000000',
  conversation: 'd0000000',
  message: 'f0000000',
  call: '10000000',
  script: '5c000000',
  payment: '9a000000',
  promotion: '70000000',
  wrap_up_code: '80000000',
  task: '7a000000',
  connection_request: 'b1000000',
  canned_response: 'ca000000',
};

/** A valid UUID (version 4, RFC variant) that encodes the entity and the index. */
export const uuid = (entity: SyncEntityName, i: number): string => `${PREFIX[entity]}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

const TOPICS = ['Нет доступа в интернет', 'Низкая скорость', 'Как оплатить услуги', 'Обещанный платёж', 'Смена тарифа', 'Настройка роутера', 'Переезд на новый адрес', 'Подключение частного дома', 'Антивирус', 'Статический IP-адрес'];
const PHRASES = [
  'Попросите абонента перезагрузить роутер: выключить питание на 30 секунд и включить снова.',
  'Проверьте баланс лицевого счёта; при отрицательном балансе доступ ограничивается автоматически.',
  'Уточните адрес подключения и номер договора, затем проверьте статус порта на коммутаторе.',
  'Если индикатор WAN не горит, оформите заявку на выезд монтажника в удобное абоненту время.',
  'Обещанный платёж подключается на три дня, если за последний месяц не было задолженности.',
  'Скорость по кабелю измеряйте на speedtest.net, подключив компьютер к роутеру напрямую.',
];
const CATEGORIES = ['financial', 'administrative', 'technical', 'promotions', 'extra_services', 'connection'] as const;
const SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов'];
const NAMES = ['Алексей', 'Сергей', 'Дмитрий', 'Андрей', 'Михаил', 'Иван', 'Николай', 'Павел'];
const PATRONYMICS = ['Александрович', 'Сергеевич', 'Дмитриевич', 'Андреевич', 'Михайлович', 'Иванович'];
const STREETS = ['ул. Ленина', 'Профсоюзная ул.', 'ул. Гагарина', 'Тверская ул.', 'ул. Кирова', 'Садовая ул.'];
const CITIES: Array<[string, string]> = [['Москва', 'Москва'], ['Московская область', 'Подольск'], ['Калужская область', 'Калуга'], ['Калужская область', 'Обнинск']];

const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

function check<E extends SyncEntityName>(entity: E, row: unknown): SyncEntityRow<E> {
  return SYNC_ENTITY_SCHEMAS[entity].parse(row) as SyncEntityRow<E>;
}

export function article(i: number, bodyParagraphs = 3): SyncEntityRow<'article'> {
  const body = Array.from({ length: bodyParagraphs }, (_, k) => pick(PHRASES, i + k)).join('\n\n');
  return check('article', {
    id: uuid('article', i),
    category: pick(CATEGORIES, i),
    title: `${pick(TOPICS, i)} (№${i})`,
    body: `# ${pick(TOPICS, i)}\n\n${body}`,
    tags: ['роутер', 'оплата', 'скорость'].slice(0, 1 + (i % 3)),
    updatedAt: at(i),
  });
}

export function customer(i: number): SyncEntityRow<'customer'> {
  const [region, city] = pick(CITIES, i);
  return check('customer', {
    id: uuid('customer', i),
    accountNumber: String(10_000_000 + i),
    fullName: `${pick(SURNAMES, i)} ${pick(NAMES, i + 3)} ${pick(PATRONYMICS, i + 1)}`,
    phones: [`+7916${String(1_000_000 + i).slice(-7)}`],
    emails: [`abonent${i}@example.ru`],
    telegramId: null,
    whatsappId: null,
    address: { region, city, street: pick(STREETS, i), house: String(1 + (i % 90)), apartment: i % 4 === 0 ? null : String(1 + (i % 200)) },
    connectionType: i % 4 === 0 ? 'private_house' : 'apartment_ethernet',
    tariffId: 'home-100',
    extraServiceIds: i % 3 === 0 ? ['antivirus'] : [],
    balance: 50_000 - i * 7,
    personalManagerId: null,
    createdAt: at(i),
  });
}

export function agent(i: number): SyncEntityRow<'agent'> {
  return check('agent', { id: uuid('agent', i), login: `operator${i}`, displayName: `${pick(NAMES, i)} ${pick(SURNAMES, i)}`, role: 'operator', siteId: pick(['msk', 'mo', 'kaluga', 'home'], i) });
}

export function tariff(i: number): SyncEntityRow<'tariff'> {
  return check('tariff', { id: `home-${100 * (i + 1)}`, name: `Домашний ${100 * (i + 1)}`, speedMbps: 100 * (i + 1), monthlyFee: 50_000 + i * 10_000, connectionType: 'apartment_ethernet' });
}

export function extraService(i: number): SyncEntityRow<'extra_service'> {
  return check('extra_service', { id: `svc-${i}`, name: pick(['Антивирус', 'Статический IP', 'Родительский контроль'], i), monthlyFee: 9_900 });
}

export function conversation(i: number): SyncEntityRow<'conversation'> {
  return check('conversation', {
    id: uuid('conversation', i),
    channel: pick(['phone', 'email', 'telegram', 'whatsapp', 'fax'], i),
    customerId: uuid('customer', i),
    externalAddress: `abonent${i}@example.ru`,
    subject: `Обращение: ${pick(TOPICS, i)}`,
    status: pick(['new', 'open', 'waiting_customer', 'resolved'], i),
    category: pick(CATEGORIES, i),
    assigneeId: uuid('agent', i % 5),
    createdAt: at(i),
    updatedAt: at(i + 1),
  });
}

export function message(i: number): SyncEntityRow<'message'> {
  return check('message', { id: uuid('message', i), conversationId: uuid('conversation', i % 50), direction: pick(['in', 'out'], i), authorAgentId: null, body: `Здравствуйте! ${pick(PHRASES, i)}`, createdAt: at(i) });
}

export function call(i: number): SyncEntityRow<'call'> {
  return check('call', {
    id: uuid('call', i),
    conversationId: uuid('conversation', i % 50),
    direction: 'in',
    agentId: uuid('agent', i % 5),
    number: `+7495${String(6_000_000 + i).slice(-7)}`,
    startedAt: at(i),
    answeredAt: at(i),
    endedAt: at(i + 1),
    result: 'answered',
    ivrChoice: '2',
    // The customer of its conversation (conversation(n) belongs to customer(n)).
    customerId: uuid('customer', i % 50),
    wrapUp: i % 4 === 0 ? { codeId: 'tech.no-connection', category: 'technical', result: 'resolved', note: 'Перезагрузили роутер.', at: at(i + 1) } : null,
  });
}

export function task(i: number): SyncEntityRow<'task'> {
  return check('task', {
    id: uuid('task', i),
    kind: 'callback',
    customerId: uuid('customer', i % 50),
    conversationId: uuid('conversation', i % 50),
    number: `+7916${String(1_000_000 + i).slice(-7)}`,
    dueAt: at(i + 24),
    note: 'Перезвонить после визита монтажника.',
    assigneeId: uuid('agent', i % 5),
    status: i % 3 === 0 ? 'done' : 'open',
    createdAt: at(i),
    doneAt: i % 3 === 0 ? at(i + 30) : null,
  });
}

export function connectionRequest(i: number): SyncEntityRow<'connection_request'> {
  const house = i % 4 === 0;
  return check('connection_request', {
    id: uuid('connection_request', i),
    phone: `+7495${String(2_000_000 + i).slice(-7)}`,
    contactName: `Заявитель №${i}`,
    connectionType: house ? 'private_house' : 'apartment_ethernet',
    address: { region: 'Московская область', city: 'Балашиха', street: 'ул. Ленина', house: String(1 + (i % 40)), apartment: house ? null : String(1 + (i % 200)) },
    tariffId: null,
    preferredTime: i % 2 === 0 ? 'в будни после 18:00' : null,
    comment: '',
    callId: null,
    createdBy: uuid('agent', i % 5),
    createdAt: at(i),
    status: 'new',
  });
}

export function script(i: number): SyncEntityRow<'script'> {
  return check('script', {
    id: uuid('script', i),
    title: `Нет подключения: проверка №${i}`,
    category: 'technical',
    start: 'balance',
    steps: [
      { kind: 'question', id: 'balance', text: 'Баланс положительный?', answers: [{ label: 'Да', next: 'ok' }, { label: 'Нет', next: 'pay' }] },
      { kind: 'end', id: 'ok', text: 'Перезагрузите роутер.', outcome: 'resolved' },
      { kind: 'end', id: 'pay', text: 'Предложите оплату.', outcome: 'customer_action' },
    ],
    updatedAt: at(i),
  });
}

export function payment(i: number): SyncEntityRow<'payment'> {
  return check('payment', {
    id: uuid('payment', i),
    customerId: uuid('customer', i % 600),
    amount: 50_000 + (i % 7) * 10_000,
    method: pick(['bank_card', 'sbp', 'cash_terminal', 'online_banking'], i),
    paidAt: at(i),
    status: i % 23 === 0 ? 'mistaken' : 'completed',
  });
}

export function promotion(i: number): SyncEntityRow<'promotion'> {
  const from = at(i * 24).slice(0, 10);
  return check('promotion', {
    id: `promo-${i}`,
    name: `Акция №${i}`,
    summary: pick(PHRASES, i),
    tags: ['скидка'],
    audience: pick(['new', 'existing', 'any'], i),
    startsOn: i % 4 === 0 ? null : from,
    endsOn: i % 3 === 0 ? null : at(i * 24 + 24 * 60).slice(0, 10),
    tariffIds: i % 2 === 0 ? [] : [`tariff-${i % 5}`],
    articleId: i % 2 === 0 ? uuid('article', i) : null,
  });
}

export function wrapUpCode(i: number): SyncEntityRow<'wrap_up_code'> {
  return check('wrap_up_code', {
    id: `code.${i}`,
    category: pick(CATEGORIES, i),
    name: `${pick(TOPICS, i)} (код ${i})`,
    sort: i * 10,
    active: i % 9 !== 0,
  });
}

export function cannedResponse(i: number): SyncEntityRow<'canned_response'> {
  const template = i % 5 === 0;
  return check('canned_response', {
    id: `canned-${i}`,
    kind: template ? 'whatsapp_template' : 'text',
    title: `${pick(TOPICS, i)} (ответ ${i})`,
    body: `{{name}}, ${pick(PHRASES, i)}`,
    language: i % 4 === 0 ? 'en' : 'ru',
    channels: template ? ['whatsapp'] : [],
    template: template ? { name: `pult_template_${i}`, language: 'ru', parameters: ['{{name}}'] } : null,
    sort: i * 10,
    active: i % 11 !== 0,
  });
}

export const MAKERS: { [E in SyncEntityName]: (i: number) => SyncEntityRow<E> } = {
  article,
  tariff,
  extra_service: extraService,
  agent,
  customer,
  conversation,
  message,
  call,
  script,
  payment,
  promotion,
  wrap_up_code: wrapUpCode,
  task,
  connection_request: connectionRequest,
  canned_response: cannedResponse,
};
