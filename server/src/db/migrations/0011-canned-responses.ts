// Canned responses (contract/domain/canned-response.ts): ready answers for the reply composer, and
// the approved WhatsApp templates among them. A catalogue every agent receives through the feed.
// The starting set is written here rather than by the demo seed: it is the contact center's own
// wording, wanted on a production database as much as on a demo one (the feed refresh at server
// start sends it out). Administrators edit the table; the feed's periodic refresh follows.
import { sql, type Kysely } from 'kysely';

interface Seed {
  id: string;
  kind: 'text' | 'whatsapp_template';
  title: string;
  body: string;
  language: 'ru' | 'en';
  channels: string[];
  template: { name: string; language: string; parameters: string[] } | null;
}

const text = (id: string, language: 'ru' | 'en', title: string, body: string, channels: string[] = []): Seed => ({
  id, kind: 'text', title, body, language, channels, template: null,
});

const SEEDS: Seed[] = [
  text('greeting', 'ru', 'Приветствие', 'Здравствуйте, {{name}}! Меня зовут {{operator}}, я специалист информационной службы. Чем могу помочь?'),
  text('ask-account', 'ru', 'Уточнить договор', '{{name}}, подскажите, пожалуйста, номер договора или адрес подключения — так я быстрее найду ваши данные.'),
  text('wait', 'ru', 'Попросить подождать', 'Пожалуйста, подождите пару минут — уточняю информацию.'),
  text('payment-not-arrived', 'ru', 'Платёж не поступил',
    '{{name}}, по лицевому счёту {{account}} платёж пока не поступил. Обычно деньги зачисляются в течение нескольких минут, но через некоторые банки — до трёх рабочих дней. Если прошло больше времени, пришлите, пожалуйста, фото или PDF чека, и мы найдём платёж вручную.'),
  text('promised-payment', 'ru', 'Обещанный платёж',
    'Если доступ нужен срочно, подключите «Обещанный платёж» в личном кабинете: интернет заработает сразу и будет доступен 3 дня. Оплату нужно внести до окончания этого срока.'),
  text('router-restart', 'ru', 'Перезагрузить роутер',
    'Попробуйте, пожалуйста, выключить роутер из розетки секунд на 30 и снова включить. Через 2–3 минуты, когда загорятся индикаторы, проверьте, появился ли интернет, и напишите нам о результате.'),
  text('outage', 'ru', 'Авария на линии',
    '{{name}}, на вашем участке сети сейчас идут аварийно-восстановительные работы. Бригада уже на месте, связь восстановим в течение нескольких часов. Приносим извинения за неудобства.'),
  text('technician', 'ru', 'Заявка на выезд мастера',
    'Мы оформили заявку на выезд мастера по договору {{account}}. Инженер заранее позвонит вам, чтобы договориться об удобном времени.'),
  text('tariff-change', 'ru', 'Смена тарифа',
    'Сейчас у вас подключён тариф «{{tariff}}». Сменить его можно в личном кабинете, в разделе «Тарифы», или через нас. Новый тариф начнёт действовать с 1-го числа следующего месяца. Подсказать, какой подойдёт лучше?'),
  text('send-receipt', 'ru', 'Прислать чек', 'Пришлите, пожалуйста, фото или скан чека об оплате — проверим, куда ушли деньги.', ['email', 'whatsapp', 'telegram']),
  text('closing', 'ru', 'Завершение', 'Рады были помочь, {{name}}! Если появятся вопросы — пишите, мы на связи круглосуточно. Хорошего дня!'),
  text('greeting-en', 'en', 'Greeting', 'Hello, {{name}}! My name is {{operator}}, I am with the customer service team. How can I help you?'),
  text('ask-account-en', 'en', 'Ask for the account', '{{name}}, could you please tell me your account number or the connection address, so I can find your details faster?'),
  text('router-restart-en', 'en', 'Restart the router',
    'Please unplug your router for about 30 seconds and plug it back in. When the lights come on (2–3 minutes), check whether the internet is back and let us know.'),
  text('tariff-en', 'en', 'Current tariff', 'You are on the “{{tariff}}” plan (account {{account}}). A new plan starts on the 1st of next month; shall I help you choose one?'),
  text('closing-en', 'en', 'Closing', 'Glad we could help, {{name}}! If you have any other questions, just write to us — we are here 24/7.'),
  {
    id: 'wa-follow-up', kind: 'whatsapp_template', language: 'ru', channels: ['whatsapp'], title: 'Шаблон WhatsApp: продолжить переписку',
    body: 'Здравствуйте, {{name}}! Это информационная служба вашего интернет-провайдера. Мы готовы продолжить разговор по вашему обращению — просто ответьте на это сообщение.',
    template: { name: 'pult_follow_up', language: 'ru', parameters: ['{{name}}'] },
  },
  {
    id: 'wa-ticket-update', kind: 'whatsapp_template', language: 'ru', channels: ['whatsapp'], title: 'Шаблон WhatsApp: новости по обращению',
    body: '{{name}}, по вашему обращению (договор {{account}}) есть новости. Ответьте на это сообщение, чтобы продолжить переписку.',
    template: { name: 'pult_ticket_update', language: 'ru', parameters: ['{{name}}', '{{account}}'] },
  },
  {
    id: 'wa-follow-up-en', kind: 'whatsapp_template', language: 'en', channels: ['whatsapp'], title: 'WhatsApp template: continue the conversation',
    body: 'Hello, {{name}}! This is your internet provider’s customer service. We are ready to continue with your request — just reply to this message.',
    template: { name: 'pult_follow_up', language: 'en', parameters: ['{{name}}'] },
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('canned_responses')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9.-]{1,64}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('text', 'whatsapp_template')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 4096`))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('ru', 'en')`))
    .addColumn('channels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // {name, language, parameters}: Meta's approved template; set exactly for whatsapp_template.
    .addColumn('template', 'jsonb')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addCheckConstraint('canned_responses_template_kind', sql`(kind = 'whatsapp_template') = (template is not null)`)
    .execute();

  const rows = SEEDS.map((s, i) => ({
    id: s.id, kind: s.kind, title: s.title, body: s.body, language: s.language, channels: s.channels,
    template: s.template ? JSON.stringify(s.template) : null, sort: (i + 1) * 10, active: true,
  }));
  await (db as Kysely<{ canned_responses: Record<string, unknown> }>).insertInto('canned_responses').values(rows).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('canned_responses').execute();
}
