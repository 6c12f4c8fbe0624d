// A small, hand-made SeedData for the server suite: one agent per role (two personal managers),
// a few customers with known names, phones and account numbers, some articles. Stands in for the
// generator (server/src/seed/generate.ts) so tests assert on values they chose.
import type { SeedData } from '../../../server/src/seed/seed-data.ts';
import { troubleshootingScripts } from '../../../server/src/seed/content/scripts/index.ts';
import type { Role } from '../../../contract/index.ts';

export const PASSWORD = 'correct horse battery';
const now = '2025-01-15T09:00:00.000Z';

export const AGENT_IDS = {
  operator: '00000000-0000-4000-8000-000000000001',
  personal_manager: '00000000-0000-4000-8000-000000000002',
  supervisor: '00000000-0000-4000-8000-000000000003',
  quality_manager: '00000000-0000-4000-8000-000000000004',
  admin: '00000000-0000-4000-8000-000000000005',
  other_manager: '00000000-0000-4000-8000-000000000006',
} as const;

export const LOGINS: Record<Role, string> = {
  operator: 'operator',
  personal_manager: 'manager',
  supervisor: 'supervisor',
  quality_manager: 'quality',
  admin: 'admin',
};

export const CUSTOMER_IDS = {
  ivanova: '10000000-0000-4000-8000-000000000001', // in the personal manager's portfolio
  petrov: '10000000-0000-4000-8000-000000000002', // in the other manager's portfolio
  semenov: '10000000-0000-4000-8000-000000000003', // no personal manager
} as const;

export const ARTICLE_ID = '20000000-0000-4000-8000-000000000001';

const address = (street: string, house: string, apartment: string | null) => ({
  region: 'Москва', city: 'Москва', street, house, apartment,
});

export function fixtureData(): SeedData {
  return {
    sites: [
      { id: 'msk', name: 'Москва, офис на Профсоюзной', timezone: 'Europe/Moscow' },
      { id: 'kaluga', name: 'Калуга', timezone: 'Europe/Moscow' },
    ],
    agents: [
      { id: AGENT_IDS.operator, login: LOGINS.operator, displayName: 'Оператор Анна', role: 'operator', siteId: 'msk', password: PASSWORD },
      { id: AGENT_IDS.personal_manager, login: LOGINS.personal_manager, displayName: 'Менеджер Борис', role: 'personal_manager', siteId: 'msk', password: PASSWORD },
      { id: AGENT_IDS.supervisor, login: LOGINS.supervisor, displayName: 'Супервизор Вера', role: 'supervisor', siteId: 'kaluga', password: PASSWORD },
      { id: AGENT_IDS.quality_manager, login: LOGINS.quality_manager, displayName: 'Контроль Галина', role: 'quality_manager', siteId: 'msk', password: PASSWORD },
      { id: AGENT_IDS.admin, login: LOGINS.admin, displayName: 'Админ Дмитрий', role: 'admin', siteId: 'msk', password: PASSWORD },
      { id: AGENT_IDS.other_manager, login: 'manager2', displayName: 'Менеджер Елена', role: 'personal_manager', siteId: 'kaluga', password: PASSWORD },
    ],
    tariffs: [
      { id: 'home-100', name: 'Домашний 100', speedMbps: 100, monthlyFee: 50_000, connectionType: 'apartment_ethernet' },
      { id: 'house-200', name: 'Частный дом 200', speedMbps: 200, monthlyFee: 90_000, connectionType: 'private_house' },
    ],
    extraServices: [
      { id: 'static-ip', name: 'Статический IP', monthlyFee: 15_000 },
      { id: 'tv', name: 'Телевидение', monthlyFee: 29_900 },
    ],
    customers: [
      {
        id: CUSTOMER_IDS.ivanova, accountNumber: '100200300', fullName: 'Иванова Алёна Сергеевна',
        phones: ['+79161234567', '+74956428585'], emails: ['alena.ivanova@example.ru'], telegramId: '@alena_iv', whatsappId: null,
        address: address('Профсоюзная улица', '12', '45'), connectionType: 'apartment_ethernet', tariffId: 'home-100',
        extraServiceIds: ['tv', 'static-ip'], balance: 12_345, personalManagerId: AGENT_IDS.personal_manager, createdAt: now,
      },
      {
        id: CUSTOMER_IDS.petrov, accountNumber: '100200301', fullName: 'Петров Иван Николаевич',
        phones: ['+79031112233'], emails: [], telegramId: null, whatsappId: '79031112233',
        address: address('Ленинский проспект', '3к2', null), connectionType: 'private_house', tariffId: 'house-200',
        extraServiceIds: [], balance: -5_000, personalManagerId: AGENT_IDS.other_manager, createdAt: now,
      },
      {
        id: CUSTOMER_IDS.semenov, accountNumber: '4000500', fullName: 'Семёнов Пётр Иванович',
        phones: ['+74842567890'], emails: ['semenov@example.ru'], telegramId: null, whatsappId: null,
        address: { region: 'Калужская область', city: 'Калуга', street: 'улица Кирова', house: '7', apartment: '1' },
        connectionType: 'apartment_ethernet', tariffId: 'home-100', extraServiceIds: ['tv'], balance: 0, personalManagerId: null, createdAt: now,
      },
    ],
    payments: [
      { id: '30000000-0000-4000-8000-000000000001', customerId: CUSTOMER_IDS.ivanova, amount: 50_000, method: 'sbp', paidAt: now, status: 'completed' },
    ],
    articles: [
      { id: ARTICLE_ID, category: 'financial', title: 'Обещанный платёж', body: '# Обещанный платёж\n\nНа 3 дня.', tags: ['оплата'], updatedAt: now },
      { id: '20000000-0000-4000-8000-000000000002', category: 'technical', title: 'Нет интернета', body: 'Перезагрузите роутер.', tags: [], updatedAt: now },
    ],
    scripts: troubleshootingScripts(now).slice(0, 1),
    promotions: [
      {
        id: 'annual-pass', name: 'Годовой абонемент', summary: 'Скидка 15% при оплате за год.', tags: ['скидка'], audience: 'existing',
        startsOn: null, endsOn: null, tariffIds: [], articleId: ARTICLE_ID,
      },
      {
        id: 'first-month', name: 'Первый месяц за 1 ₽', summary: 'Новым абонентам в квартирах.', tags: ['подключение'], audience: 'new',
        startsOn: '2025-01-01', endsOn: '2025-03-31', tariffIds: ['home-100'], articleId: null,
      },
    ],
    wrapUpCodes: [
      { id: 'fin.payment-mistaken', category: 'financial', name: 'Ошибочный платёж', sort: 10, active: true },
      { id: 'tech.no-connection', category: 'technical', name: 'Нет подключения', sort: 10, active: true },
      { id: 'conn.request', category: 'connection', name: 'Заявка на подключение', sort: 10, active: false },
    ],
    conversations: [
      {
        id: '40000000-0000-4000-8000-000000000001', channel: 'telegram', customerId: CUSTOMER_IDS.ivanova, externalAddress: '@alena_iv',
        subject: null, status: 'open', category: 'financial', assigneeId: AGENT_IDS.operator, createdAt: now, updatedAt: now,
      },
    ],
    messages: [
      { id: '50000000-0000-4000-8000-000000000001', conversationId: '40000000-0000-4000-8000-000000000001', direction: 'in', authorAgentId: null, body: 'Здравствуйте!', createdAt: now },
    ],
    calls: [
      {
        id: '60000000-0000-4000-8000-000000000001', conversationId: null, direction: 'in', agentId: AGENT_IDS.operator, number: '+79161234567',
        startedAt: now, answeredAt: now, endedAt: now, result: 'answered', ivrChoice: '2', customerId: CUSTOMER_IDS.ivanova, wrapUp: null,
      },
    ],
  };
}
