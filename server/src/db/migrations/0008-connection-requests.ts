// Prospects' requests to get connected, taken by operators during calls from unknown numbers. The id
// is the client's (the outbox resends it); `created_at` is the PC's clock when the operator saved
// it, `received_at` the server's when it arrived (a request taken offline arrives later).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connection_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('connection_type', 'text', (c) => c.notNull().check(sql`connection_type in ('apartment_ethernet', 'private_house')`))
    .addColumn('address_region', 'text', (c) => c.notNull())
    .addColumn('address_city', 'text', (c) => c.notNull())
    .addColumn('address_street', 'text', (c) => c.notNull())
    .addColumn('address_house', 'text', (c) => c.notNull())
    .addColumn('address_apartment', 'text')
    .addColumn('tariff_id', 'text', (c) => c.references('tariffs.id'))
    .addColumn('preferred_time', 'text')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    // No foreign key: the call may reach the server after the request (two mutations, one outbox,
    // but a call logged on another PC or never logged must not block the request).
    .addColumn('call_id', 'uuid')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'in_progress', 'connected', 'cancelled')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('connection_requests_apartment_fits_type', sql`(connection_type = 'apartment_ethernet') = (address_apartment is not null)`)
    .execute();
  // The creator's own recent ones (their feed scope) and the supervisors' list, newest first.
  await db.schema.createIndex('connection_requests_creator_idx').on('connection_requests').columns(['created_by', 'created_at']).execute();
  await db.schema.createIndex('connection_requests_status_idx').on('connection_requests').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('connection_requests_phone_idx').on('connection_requests').column('phone').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('connection_requests').execute();
}
