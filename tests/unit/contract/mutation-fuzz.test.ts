// Every mutation of the contract against hostile arguments, on both sides of the wire: the client's
// outbox refuses them before anything is queued, and the server refuses them before its handler
// runs (so before any database write), each naming the offending field. Valid arguments pass both.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MUTATION_NAMES, MUTATION_SCHEMAS, type MutationName } from '../../../contract/sync.ts';
import { createOutbox } from '../../../electron/services/sync/outbox.ts';
import { applyMutation, MutationRefused, type MutationContext } from '../../../server/src/sync/mutations/index.ts';
import { openStore } from '../customers/helpers.ts';

const VALID: { [N in MutationName]: z.input<(typeof MUTATION_SCHEMAS)[N]> } = {
  'article.feedback': { articleId: 'a0000000-0000-4000-8000-000000000001', verdict: 'outdated', comment: 'Цены устарели' },
  'customer.updateContacts': { customerId: 'c0000000-0000-4000-8000-000000000001', phones: ['8 916 123-45-67'], emails: ['a@example.ru'] },
  'customer.setExtraService': { customerId: 'c0000000-0000-4000-8000-000000000001', serviceId: 'static-ip', enabled: true },
  'conversation.addNote': { conversationId: 'd0000000-0000-4000-8000-000000000001', noteId: 'e0000000-0000-4000-8000-000000000001', body: 'Перезвонить после 18:00' },
  'conversation.assign': { conversationId: 'd0000000-0000-4000-8000-000000000001', assigneeId: '00000000-0000-4000-8000-000000000001' },
  'conversation.setStatus': { conversationId: 'd0000000-0000-4000-8000-000000000001', status: 'waiting_customer' },
  'conversation.setCategory': { conversationId: 'd0000000-0000-4000-8000-000000000001', category: 'technical' },
  'conversation.linkCustomer': { conversationId: 'd0000000-0000-4000-8000-000000000001', customerId: 'c0000000-0000-4000-8000-000000000001' },
  'agent.setState': { changeId: 'e0000000-0000-4000-8000-000000000002', state: 'not_ready', reason: 'lunch', at: '2026-11-26T12:00:00.000Z' },
  'call.log': {
    callId: '10000000-0000-4000-8000-000000000001', direction: 'in', number: '+74956428585', customerId: 'c0000000-0000-4000-8000-000000000001',
    startedAt: '2026-11-26T12:00:00.000Z', answeredAt: '2026-11-26T12:00:05.000Z', endedAt: '2026-11-26T12:04:00.000Z', result: 'answered', ivrChoice: '2',
  },
  'call.wrapUp': {
    callId: '10000000-0000-4000-8000-000000000001', conversationId: 'd0000000-0000-4000-8000-000000000002', codeId: 'tech.no-connection', result: 'callback_needed',
    note: 'Инженер приедет завтра', followUp: { taskId: '7a000000-0000-4000-8000-000000000001', dueAt: '2026-11-27T15:00:00.000Z', note: 'Проверить связь' },
  },
  'task.complete': { taskId: '7a000000-0000-4000-8000-000000000001' },
  'connectionRequest.create': {
    requestId: 'b1000000-0000-4000-8000-000000000001', phone: '+74951112233', contactName: 'Ольга Сергеевна', connectionType: 'apartment_ethernet',
    address: { region: 'Москва', city: 'Москва', street: 'ул. Профсоюзная', house: '43к2', apartment: '118' }, tariffId: 'home-100',
    preferredTime: 'в будни после 18:00', comment: 'Нужен роутер', callId: '10000000-0000-4000-8000-000000000001', createdAt: '2026-11-26T12:03:00.000Z',
  },
  'message.reply': {
    conversationId: 'd0000000-0000-4000-8000-000000000001', messageId: 'e0000000-0000-4000-8000-000000000003', body: 'Добрый день! Проверяем линию.',
    attachmentIds: ['f0000000-0000-4000-8000-000000000001'], template: { name: 'visit_reminder', language: 'ru', parameters: ['завтра'] },
  },
};

const HUGE = 'я'.repeat(1_100_000);
const WRONG = [12345, true, null, { nested: 1 }, ['x'], HUGE, '', '\u0000'];

/** For each key of the mutation's args: every wrong value that the schema refuses. */
function cases(name: MutationName): Array<[string, unknown, string]> {
  const valid = VALID[name] as Record<string, unknown>;
  const out: Array<[string, unknown, string]> = [];
  for (const key of Object.keys(valid)) {
    for (const bad of WRONG) {
      const args = { ...valid, [key]: bad };
      if (!MUTATION_SCHEMAS[name].safeParse(args).success) out.push([`${key} = ${JSON.stringify(bad)?.slice(0, 20)}`, args, key]);
    }
  }
  out.push(['an unknown key', { ...valid, admin: true }, 'admin']);
  out.push(['__proto__ as a key', JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(valid).slice(1)}`), '']);
  out.push(['not an object', 'args', '']);
  out.push(['an array', [valid], '']);
  return out;
}

// The server handler is never reached with bad arguments: its context has no database at all.
const noDb = { trx: null, agent: null, ip: null, now: new Date(), prefix: 'mutations.0.args' } as unknown as MutationContext;

describe.each(MUTATION_NAMES)('mutation %s', (name) => {
  it('valid arguments pass the client and the server check', async () => {
    expect(MUTATION_SCHEMAS[name].safeParse(VALID[name]).success).toBe(true);
    const { store } = openStore();
    const outbox = createOutbox({ enqueue: async (i) => store.enqueue(i) });
    await outbox.enqueue(name, VALID[name] as never);
    expect(store.outboxCount()).toBe(1);
  });

  it.each(cases(name))('refuses %s on both sides, naming the field', async (_what, args, key) => {
    const { store } = openStore();
    const outbox = createOutbox({ enqueue: async (i) => store.enqueue(i) });
    const client = await outbox.enqueue(name, args as never).then(() => null, (e: unknown) => e);
    expect(client).toMatchObject({ code: 'invalid_input' });
    expect((client as { field?: string }).field ?? '').toMatch(new RegExp(`^args${key ? `\\.${key}` : ''}`));
    expect(store.outboxCount()).toBe(0);

    const server = await applyMutation(noDb, name, args).then(() => null, (e: unknown) => e);
    expect(server).toBeInstanceOf(MutationRefused);
    expect((server as MutationRefused).error).toMatchObject({ code: 'invalid_input' });
    expect((server as MutationRefused).error.field ?? '').toMatch(new RegExp(`^mutations\\.0\\.args${key ? `\\.${key}` : ''}`));
  });
});
