// Prospects' connection requests on the PC: saving one stamps an id and the time and queues it in
// the outbox (refused naming the field, nothing queued, when it breaks the contract); the agent's
// list shows it at once as pending, then as synced once the feed brings it (once, not twice); only
// the agent's own; the tariff catalogue cheapest first.
import { describe, expect, it } from 'vitest';
import type { ConnectionRequestInput } from '../../../contract/domain/connection-request.ts';
import { createProspectService } from '../../../electron/services/prospects/prospect-service.ts';
import { createOutbox } from '../../../electron/services/sync/outbox.ts';
import { connectionRequest, tariff, uuid } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { openStore, up } from '../customers/helpers.ts';

const ME = uuid('agent', 1);
const NOW = new Date('2026-11-26T12:30:00.000Z');
const HOUSE_TARIFF = { id: 'house-100', name: 'Частный дом 100', speedMbps: 100, monthlyFee: 90_000, connectionType: 'private_house' as const };

const INPUT: ConnectionRequestInput = {
  phone: '+74951112233', contactName: 'Ольга Сергеевна', connectionType: 'apartment_ethernet',
  address: { region: 'Москва', city: 'Москва', street: 'Профсоюзная улица', house: '43к2', apartment: '118' },
  tariffId: tariff(0).id, preferredTime: 'в будни после 18:00', comment: 'Нужен роутер', callId: uuid('call', 5),
};

function setUp() {
  const s = openStore();
  s.store.applyPullPage({
    after: '0',
    body: pageBody([
      up('tariff', tariff(1), 1), up('tariff', HOUSE_TARIFF, 2), up('tariff', tariff(0), 3),
      up('connection_request', { ...connectionRequest(1), createdBy: ME, createdAt: '2026-11-25T10:00:00.000Z', tariffId: null }, 4),
      up('connection_request', { ...connectionRequest(2), createdBy: uuid('agent', 2) }, 5), // a colleague's
    ], '5'),
  });
  let n = 0;
  const service = createProspectService({
    outbox: () => createOutbox({ enqueue: async (i) => s.store.enqueue(i) }),
    agentId: () => ME,
    now: () => NOW,
    newId: () => uuid('connection_request', 100 + ++n),
  });
  return { ...s, service };
}

describe('connection requests on the PC', () => {
  it('saving queues the request with its id and time and lists it at once, pending, before the synced ones', async () => {
    const { store, service } = setUp();
    const created = await service.create(INPUT);
    const id = uuid('connection_request', 101);
    expect(created).toEqual({ queued: true, request: { ...INPUT, id, createdBy: ME, createdAt: NOW.toISOString(), status: 'new' } });
    expect(store.listOutbox()).toMatchObject([{ name: 'connectionRequest.create', args: { ...INPUT, requestId: id, createdAt: NOW.toISOString() } }]);
    const items = store.connectionRequests({ agentId: ME });
    expect(items.map((i) => [i.request.id, i.pending, i.tariffName])).toEqual([
      [id, true, tariff(0).name],
      [connectionRequest(1).id, false, null],
    ]);
  });

  it('once the feed brings it back it is listed once, synced', async () => {
    const { store, service } = setUp();
    const { request } = await service.create(INPUT);
    store.applyPullPage({ after: '5', body: pageBody([up('connection_request', request, 6)], '6') });
    const items = store.connectionRequests({ agentId: ME });
    expect(items.filter((i) => i.request.id === request.id)).toEqual([{ request, pending: false, tariffName: tariff(0).name }]);
  });

  it.each([
    ['an apartment building without the apartment number', { address: { ...INPUT.address, apartment: null } }, 'args.address.apartment'],
    ['a private house with an apartment number', { connectionType: 'private_house' as const }, 'args.address.apartment'],
    ['a phone that is not E.164', { phone: '8 495 111-22-33' }, 'args.phone'],
    ['a blank name', { contactName: '   ' }, 'args.contactName'],
  ])('refuses %s naming the field, and queues nothing', async (_what, over, field) => {
    const { store, service } = setUp();
    await expect(service.create({ ...INPUT, ...over })).rejects.toMatchObject({ code: 'invalid_input', field });
    expect(store.outboxCount()).toBe(0);
  });

  it('lists only the agent\'s own, and the tariff catalogue cheapest first', () => {
    const { store } = setUp();
    expect(store.connectionRequests({ agentId: uuid('agent', 2) }).map((i) => i.request.id)).toEqual([connectionRequest(2).id]);
    expect(store.tariffCatalogue().map((t) => t.id)).toEqual([tariff(0).id, tariff(1).id, HOUSE_TARIFF.id]);
  });
});
