// Shared by the customer tests: customers with chosen names, phones and addresses (checked against
// the contract), pull-page changes, and a replica store opened on a fresh file.
import type { Customer } from '../../../contract/domain/customer.ts';
import { Customer as CustomerSchema } from '../../../contract/domain/customer.ts';
import { openReplicaFile, type Db } from '../../../electron/services/db/open-replica-file.ts';
import type { ReplicaApi } from '../../../electron/services/db/replica-api.ts';
import { createReplicaStore } from '../../../electron/services/db/replica-store.ts';
import { customer, tariff } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { tempDir } from '../replica/helpers.ts';

export const nextPath = tempDir();

export function person(i: number, over: Partial<Customer> = {}): Customer {
  return CustomerSchema.parse({ ...customer(i), ...over });
}

export const up = <T extends { id: string }>(entity: string, data: T, version: number) => ({ op: 'upsert', entity, id: data.id, version: String(version), data });
export const del = (entity: string, id: string, version: number) => ({ op: 'delete', entity, id, version: String(version) });

/** The people most tests search among. */
export const ANNA = person(1, {
  fullName: 'Иванова Анна Сергеевна',
  accountNumber: '40512345',
  phones: ['+79161234567', '+74956428585'],
  address: { region: 'Москва', city: 'Москва', street: 'Профсоюзная улица', house: '12к2', apartment: '45' },
  tariffId: 'home-300',
  extraServiceIds: ['svc-0', 'router-rent'],
});
export const ALYONA = person(2, {
  fullName: 'Фёдорова Алёна Петровна',
  accountNumber: '40598765',
  phones: ['+79031112233'],
  address: { region: 'Калужская область', city: 'Обнинск', street: 'проспект Ленина', house: '5', apartment: '12' },
});
export const IVAN = person(3, {
  fullName: 'Иванов Иван Иванович',
  accountNumber: '71234567',
  phones: ['+79265554433'],
  address: { region: 'Москва', city: 'Москва', street: 'улица Ленина', house: '15', apartment: null },
  connectionType: 'private_house',
});
export const HYPHEN = person(4, {
  fullName: 'Римская-Корсакова Ольга Андреевна',
  accountNumber: '123456789012',
  phones: ['+79998887766'],
  address: { region: 'Москва', city: 'Москва', street: 'улица 9 Мая', house: '12/1', apartment: '7' },
});
export const PEOPLE = [ANNA, ALYONA, IVAN, HYPHEN];

export interface OpenStore {
  db: Db;
  store: ReplicaApi;
  path: string;
}

export function openStore(path = nextPath()): OpenStore {
  const db = openReplicaFile(path);
  return { db, store: createReplicaStore(db), path };
}

/** A store holding PEOPLE and the tariffs, pulled as one page. */
export function storeWithPeople(): OpenStore {
  const s = openStore();
  const changes = [up('tariff', tariff(0), 1), up('tariff', tariff(2), 2), ...PEOPLE.map((p, i) => up('customer', p, 10 + i))];
  s.store.applyPullPage({ after: '0', body: pageBody(changes, '20') });
  return s;
}
