// Conversations in every channel with their messages, and calls for the phone ones. Each is built
// from a hand-written scenario (content/dialogs*.ts) filled with the customer's own data: name,
// account number, address, tariff, services. About two conversations per ten customers, plus a few
// from people who are not customers yet.
import type { Agent, Call, Channel, Conversation, ConversationStatus, Customer, Message, RequestCategory } from '../../../contract/index.ts';
import { EXTRA_SERVICES, rub, tariffById, type TariffInfo } from './content/catalog.ts';
import { CALLBACK_NOTES, CUSTOMER_ROUTERS, DIALOGS, type DialogScenario, type DialogValues } from './content/dialogs.ts';
import { lowerFirst, ruAddress, ruDay } from './content/format.ts';
import type { Gender } from './content/names.ts';
import { EMAIL_DOMAINS, HOUSE_SETTLEMENTS, HOUSE_STREETS, MOBILE_CODES, TOWNS } from './content/places.ts';
import { monthlyFeeOf } from './gen-customers.ts';
import { personName, translit } from './gen-names.ts';
import { createRng, fill, STREAMS, TIME, type Rng } from './gen-random.ts';

export interface ConversationData {
  conversations: Conversation[];
  messages: Message[];
  calls: Call[];
}

const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [['phone', 45], ['email', 14], ['whatsapp', 17], ['telegram', 17], ['fax', 4]];
const STATUS_WEIGHTS: ReadonlyArray<readonly [ConversationStatus, number]> = [['resolved', 55], ['open', 15], ['waiting_customer', 12], ['new', 18]];
/** The IVR menu: 1 payments and balance, 2 technical support, 3 new connections, 4 anything else. */
const IVR: Readonly<Record<RequestCategory, string>> = {
  financial: '1', technical: '2', connection: '3', administrative: '4', promotions: '4', extra_services: '4',
};
const FORCED_CHANNELS: readonly Channel[] = ['phone', 'email', 'fax', 'whatsapp', 'telegram'];

interface Party {
  customer: Customer | null;
  first: string;
  patronymic: string;
  fullName: string;
  gender: Gender;
  address: Customer['address'];
  externalAddress: string;
  tariff: TariffInfo;
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
const mobile = (rng: Rng) => `+7${rng.pick(MOBILE_CODES)}${digits(rng, 7)}`;

function identity(rng: Rng, c: Customer, channel: Channel): string | null {
  switch (channel) {
    case 'phone': return rng.chance(0.85) ? c.phones[0]! : c.phones[c.phones.length - 1]!;
    case 'email': return c.emails[0] ?? null;
    case 'whatsapp': return c.whatsappId;
    case 'telegram': return c.telegramId;
    case 'fax': return c.phones.find((p) => !p.startsWith('+79')) ?? null;
  }
}

function customerParty(c: Customer, externalAddress: string): Party {
  const [last = '', first = '', patronymic = ''] = c.fullName.split(' ');
  return {
    customer: c, first, patronymic, fullName: `${last} ${first} ${patronymic}`.trim(),
    gender: /на$/.test(patronymic) ? 'female' : 'male',
    address: c.address, externalAddress, tariff: tariffById(c.tariffId),
  };
}

function randomAddress(rng: Rng, house: boolean): Customer['address'] {
  if (house) {
    const s = rng.pick(HOUSE_SETTLEMENTS);
    return { region: s.region, city: s.city, street: rng.pick(HOUSE_STREETS), house: String(rng.int(1, 90)), apartment: null };
  }
  const t = rng.weighted(TOWNS.map((x) => [x, x.weight] as const));
  return { region: t.region, city: t.city, street: rng.pick(t.streets), house: String(rng.int(1, 120)), apartment: String(rng.int(1, 300)) };
}

function prospectParty(rng: Rng, scenario: DialogScenario, channel: Channel): Party {
  const n = personName(rng);
  const house = scenario.key === 'house-connection';
  const address = randomAddress(rng, house);
  const phone = mobile(rng);
  const latin = `${translit(n.first)}.${translit(n.last)}`;
  const landline = (TOWNS.find((t) => t.city === address.city)?.landline ?? ['+7495'])[0]!;
  const externalAddress = {
    phone,
    email: `${latin}${rng.int(1, 99)}@${rng.weighted(EMAIL_DOMAINS)}`,
    whatsapp: phone.slice(1),
    telegram: `@${latin.replace('.', '_')}${rng.int(1, 999)}`,
    fax: landline + digits(rng, 12 - landline.length),
  }[channel];
  return {
    customer: null, first: n.first, patronymic: n.patronymic, fullName: `${n.last} ${n.first} ${n.patronymic}`, gender: n.gender,
    address, externalAddress, tariff: tariffById(house ? 'house-300' : 'home-300'),
  };
}

function serviceFor(rng: Rng, scenario: DialogScenario, c: Customer | null): string {
  const own = c?.extraServiceIds ?? [];
  const pool = scenario.services ?? EXTRA_SERVICES.map((s) => s.id);
  if (scenario.key === 'enable-service') {
    const fresh = pool.filter((id) => !own.includes(id));
    return rng.pick(fresh.length ? fresh : pool);
  }
  const mine = pool.filter((id) => own.includes(id));
  return rng.pick(mine.length ? mine : pool);
}

function valuesFor(rng: Rng, scenario: DialogScenario, p: Party, createdAt: number): DialogValues {
  const account = p.customer?.accountNumber ?? '';
  const pos = account ? rng.int(2, account.length - 1) : 0;
  const wrongDigit = String((Number(account.charAt(pos) || '0') + rng.int(1, 9)) % 10);
  const serviceId = serviceFor(rng, scenario, p.customer);
  const service = EXTRA_SERVICES.find((s) => s.id === serviceId)!;
  const fee = p.customer ? monthlyFeeOf(p.customer) : p.tariff.monthlyFee;
  const amount = scenario.key === 'promo-year'
    ? Math.round((p.tariff.monthlyFee * 12 * 0.85) / 100) * 100
    : Math.ceil(fee / 5_000) * 5_000;
  return {
    first: p.first,
    firstPatr: `${p.first} ${p.patronymic}`,
    fullName: p.fullName,
    account,
    address: ruAddress(p.address),
    newAddress: ruAddress(randomAddress(rng, false)),
    tariff: p.tariff.name,
    speed: String(p.tariff.speedMbps),
    fee: rub(fee),
    amount: rub(amount),
    date: ruDay(new Date(createdAt - rng.int(1, 3) * TIME.day)),
    dueDate: ruDay(new Date(createdAt + 3 * TIME.day)),
    wrongAccount: account ? account.slice(0, pos) + wrongDigit + account.slice(pos + 1) : '',
    service: lowerFirst(service.name),
    serviceFee: rub(service.monthlyFee),
    router: rng.pick(CUSTOMER_ROUTERS),
    a: p.gender === 'female' ? 'а' : '',
    ticket: String(rng.int(1_000_000, 9_999_999)),
    city: p.address.city,
  };
}

/** How long after the previous message the next one comes, by channel. */
function gap(rng: Rng, channel: Channel): number {
  if (channel === 'email' || channel === 'fax') return rng.int(20 * TIME.minute, 20 * TIME.hour);
  return rng.int(TIME.minute, 40 * TIME.minute);
}

export function generateConversations(
  opts: { seed: number; now: Date },
  customers: readonly Customer[],
  agents: readonly Agent[],
): ConversationData {
  const rng = createRng(opts.seed, STREAMS.conversations);
  const now = opts.now.getTime();
  const operators = agents.filter((a) => a.role === 'operator');
  const demoOperator = agents.find((a) => a.login === 'operator') ?? operators[0];
  const agentName = new Map(agents.map((a) => [a.id, a.displayName]));
  const out: ConversationData = { conversations: [], messages: [], calls: [] };
  const count = Math.max(15, Math.round(customers.length * 0.2));

  for (let i = 0; i < count; i++) {
    const channel = i < FORCED_CHANNELS.length ? FORCED_CHANNELS[i]! : rng.weighted(CHANNEL_WEIGHTS);
    const fits = DIALOGS.filter((d) => d.channels.includes(channel));
    let scenario = rng.weighted(fits.map((d) => [d, d.weight] as const));
    let party: Party | null = null;
    if (scenario.from === 'customer') {
      for (let attempt = 0; attempt < 30 && customers.length > 0 && !party; attempt++) {
        const c = rng.pick(customers);
        const address = identity(rng, c, channel);
        if (address && (!scenario.gender || customerParty(c, address).gender === scenario.gender)) party = customerParty(c, address);
      }
      if (!party) scenario = fits.find((d) => d.from === 'prospect')!;
    }
    party ??= prospectParty(rng, scenario, channel);

    const status = rng.weighted(STATUS_WEIGHTS);
    const assigned = status !== 'new' || (channel !== 'phone' && rng.chance(0.2));
    const manager = party.customer?.personalManagerId ?? null;
    const assigneeId = !assigned ? null
      : manager && rng.chance(0.3) ? manager
        : rng.chance(0.15) && demoOperator ? demoOperator.id
          : operators.length ? rng.pick(operators).id : null;

    const threads = scenario.threads.filter((t) => !t.channels || t.channels.includes(channel));
    const thread = rng.pick(threads.length ? threads : scenario.threads);
    const id = rng.uuid();

    // The timeline first, in milliseconds from the start; then the start is placed so that the
    // whole conversation ends before now.
    type Line = 'opening' | 'reply' | 'followUp' | 'closing' | 'note' | 'callback';
    const plan: Array<{ direction: Message['direction']; line: Line; at: number }> = [];
    const calls: Array<Omit<Call, 'startedAt' | 'answeredAt' | 'endedAt'> & { startedAt: number; answeredAt: number | null; endedAt: number }> = [];
    let t = 0;
    const at = (ms: number) => (t += ms);
    if (channel === 'phone') {
      const ivrChoice = IVR[scenario.category];
      // Seeded calls carry no wrap-up: the form came with the softphone; older calls stay without.
      const call = { conversationId: id, number: party.externalAddress, startedAt: 0, customerId: party.customer?.id ?? null, wrapUp: null };
      if (status === 'new') {
        const failed = rng.chance(0.1);
        calls.push({ ...call, id: rng.uuid(), direction: 'in', agentId: null, answeredAt: null, endedAt: at(failed ? rng.int(1_000, 4_000) : rng.int(20_000, 90_000)), result: failed ? 'failed' : 'missed', ivrChoice: failed ? null : ivrChoice });
      } else {
        const answeredAt = at(rng.int(15_000, 70_000));
        calls.push({ ...call, id: rng.uuid(), direction: 'in', agentId: assigneeId, answeredAt, endedAt: at(rng.int(TIME.minute, 15 * TIME.minute)), result: 'answered', ivrChoice });
        plan.push({ direction: 'internal_note', line: 'note', at: at(rng.int(10_000, 3 * TIME.minute)) });
        if (status === 'waiting_customer') {
          const startedAt = at(rng.int(TIME.hour, 20 * TIME.hour));
          const declined = rng.chance(0.4);
          calls.push({ ...call, id: rng.uuid(), direction: 'out', agentId: assigneeId, startedAt, answeredAt: null, endedAt: at(rng.int(5_000, 30_000)), result: declined ? 'declined' : 'missed', ivrChoice: null });
          plan.push({ direction: 'internal_note', line: 'callback', at: at(rng.int(10_000, TIME.minute)) });
        }
      }
    } else {
      plan.push({ direction: 'in', line: 'opening', at: 0 });
      if (status !== 'new') {
        plan.push({ direction: 'out', line: 'reply', at: at(gap(rng, channel)) });
        if (status === 'resolved' || (status === 'open' && rng.chance(0.6))) plan.push({ direction: 'in', line: 'followUp', at: at(gap(rng, channel)) });
        if (status === 'resolved') {
          if (rng.chance(0.35)) plan.push({ direction: 'internal_note', line: 'note', at: at(rng.int(TIME.minute, 10 * TIME.minute)) });
          plan.push({ direction: 'out', line: 'closing', at: at(gap(rng, channel)) });
        }
      }
    }
    const span = t;

    const maxAgeMs = party.customer ? Math.min(60 * TIME.day, now - Date.parse(party.customer.createdAt) - 4 * TIME.day) : 60 * TIME.day;
    const ageMs = status === 'new' ? rng.int(2 * TIME.minute, Math.min(3 * TIME.day, maxAgeMs))
      : status === 'resolved' ? rng.int(3 * TIME.day, maxAgeMs) : rng.int(3 * TIME.hour, Math.min(14 * TIME.day, maxAgeMs));
    const start = now - Math.max(ageMs, span + TIME.minute);
    const iso = (offset: number) => new Date(start + offset).toISOString();
    const values = valuesFor(rng, scenario, party, start);
    const text = (s: string) => fill(s, values);
    const signature = channel === 'email' && assigneeId ? `\n\nС уважением,\n${agentName.get(assigneeId) ?? ''}\nИнформационная служба` : '';
    const openings = channel === 'email' ? scenario.email : channel === 'fax' ? scenario.fax : scenario.chat;
    const bodyOf = (line: Line): string => {
      switch (line) {
        case 'opening': return text(rng.pick(openings.length ? openings : scenario.chat));
        case 'reply': return text(thread.reply) + signature;
        case 'followUp': return text(thread.followUp);
        case 'closing': return text(thread.closing) + signature;
        case 'note': return text(thread.note);
        case 'callback': return rng.pick(CALLBACK_NOTES);
      }
    };
    for (const m of plan) {
      out.messages.push({ id: rng.uuid(), conversationId: id, direction: m.direction, authorAgentId: m.direction === 'in' ? null : assigneeId, body: bodyOf(m.line), createdAt: iso(m.at) });
    }
    for (const c of calls) {
      out.calls.push({ ...c, startedAt: iso(c.startedAt), answeredAt: c.answeredAt === null ? null : iso(c.answeredAt), endedAt: iso(c.endedAt) });
    }

    const subject = channel === 'email' ? rng.pick(scenario.subjects)
      : channel === 'fax' ? `Факс: ${rng.pick(scenario.subjects)}` : null;
    out.conversations.push({
      id, channel, customerId: party.customer?.id ?? null, externalAddress: party.externalAddress, subject, status,
      category: status === 'new' && rng.chance(0.5) ? null : scenario.category,
      assigneeId, createdAt: iso(0), updatedAt: iso(span),
    });
  }
  return out;
}
