// The rows of the first-sync benchmark, as the feed's changes in the wire format (contract/sync.ts):
// articles, customers and messages with realistic Russian text, deterministic by index, each valid
// for its contract schema (the client checks every one). Versions run 1..N in the order given, so the
// page server and the bare-insert baseline see the very same rows.
import type { SyncEntityName } from '../../contract/sync.ts';

export interface FeedSpec {
  entity: Extract<SyncEntityName, 'article' | 'customer' | 'message'>;
  count: number;
}

export interface FeedRow {
  entity: FeedSpec['entity'];
  id: string;
  version: number;
  /** The row's data as JSON (what the bare baseline stores). */
  data: string;
}

const PREFIX = { article: 'a0000000', customer: 'c0000000', message: 'f0000000', conversation: 'd0000000' } as const;
const uuid = (kind: keyof typeof PREFIX, i: number) => `${PREFIX[kind]}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();

const TOPICS = ['Нет доступа в интернет', 'Низкая скорость', 'Как оплатить услуги', 'Обещанный платёж', 'Смена тарифа', 'Настройка роутера', 'Переезд на новый адрес', 'Подключение частного дома'];
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
const CITIES: Array<[string, string]> = [['Москва', 'Москва'], ['Московская область', 'Подольск'], ['Калужская область', 'Калуга']];

function article(i: number): object {
  const paragraphs = Array.from({ length: 4 + (i % 4) }, (_, k) => pick(PHRASES, i + k)).join('\n\n');
  return {
    id: uuid('article', i),
    category: pick(CATEGORIES, i),
    title: `${pick(TOPICS, i)} (№${i})`,
    body: `# ${pick(TOPICS, i)}\n\n${paragraphs}`,
    tags: ['роутер', 'оплата', 'скорость'].slice(0, 1 + (i % 3)),
    updatedAt: at(i),
  };
}

function customer(i: number): object {
  const [region, city] = pick(CITIES, i);
  return {
    id: uuid('customer', i),
    accountNumber: String(10_000_000 + i),
    fullName: `${pick(SURNAMES, i)} ${pick(NAMES, i + 3)} ${pick(PATRONYMICS, i + 1)}`,
    phones: i % 5 === 0 ? [`+7916${String(1_000_000 + i).slice(-7)}`, `+7495${String(2_000_000 + i).slice(-7)}`] : [`+7916${String(1_000_000 + i).slice(-7)}`],
    emails: [`abonent${i}@example.ru`],
    telegramId: i % 7 === 0 ? `tg${i}` : null,
    whatsappId: null,
    address: { region, city, street: pick(STREETS, i), house: String(1 + (i % 90)), apartment: i % 4 === 0 ? null : String(1 + (i % 200)) },
    connectionType: i % 4 === 0 ? 'private_house' : 'apartment_ethernet',
    tariffId: 'home-100',
    extraServiceIds: i % 3 === 0 ? ['antivirus'] : [],
    balance: 50_000 - (i % 1000) * 7,
    personalManagerId: null,
    createdAt: at(i),
  };
}

function message(i: number): object {
  return {
    id: uuid('message', i),
    conversationId: uuid('conversation', Math.floor(i / 4)),
    direction: pick(['in', 'out', 'in', 'internal_note'] as const, i),
    authorAgentId: i % 4 === 1 ? 'b0000000-0000-4000-8000-000000000001' : null,
    body: `Здравствуйте! ${pick(PHRASES, i)} ${i % 3 === 0 ? pick(PHRASES, i + 2) : ''}`.trim(),
    createdAt: at(i),
  };
}

const MAKERS: Record<FeedSpec['entity'], (i: number) => object> = { article, customer, message };

/** Calls `fn` for every row of the feed, in version order (1, 2, …). */
export function forEachFeedRow(specs: readonly FeedSpec[], fn: (row: FeedRow) => void): void {
  let version = 0;
  for (const { entity, count } of specs) {
    for (let i = 1; i <= count; i++) {
      const data = MAKERS[entity](i) as { id: string };
      fn({ entity, id: data.id, version: ++version, data: JSON.stringify(data) });
    }
  }
}

/** A change as the server writes it into a page (id, version, data already JSON). */
export const changeJson = (r: FeedRow): string => `{"op":"upsert","entity":"${r.entity}","id":"${r.id}","version":"${r.version}","data":${r.data}}`;
