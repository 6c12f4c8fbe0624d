// The softphone's records: calls know their customer and how they were wrapped up; callbacks
// promised at wrap-up become tasks; agents' state changes are kept with the time they happened.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('wrap_up_code_id', 'text', (c) => c.references('wrap_up_codes.id'))
    .addColumn('wrap_up_category', 'text')
    .addColumn('wrap_up_result', 'text')
    .addColumn('wrap_up_note', 'text')
    .addColumn('wrapped_up_at', 'timestamptz')
    .execute();
  // Calls so far took their customer from their conversation.
  await sql`update calls k set customer_id = cv.customer_id from conversations cv where cv.id = k.conversation_id`.execute(db);
  await db.schema.createIndex('calls_customer_idx').on('calls').columns(['customer_id', 'started_at']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('callback')`))
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('set null'))
    .addColumn('number', 'text')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assignee_id', 'uuid', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('tasks_assignee_idx').on('tasks').columns(['assignee_id', 'status', 'due_at']).execute();

  await db.schema
    .createTable('agent_state_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('ready', 'not_ready', 'wrap_up', 'offline')`))
    .addColumn('reason', 'text', (c) => c.check(sql`reason in ('break', 'lunch', 'training', 'meeting')`))
    // `at` is the PC's clock when it happened; `received_at` the server's when it arrived.
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agent_state_changes_agent_idx').on('agent_state_changes').columns(['agent_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agent_state_changes').execute();
  await db.schema.dropTable('tasks').execute();
  await db.schema.dropIndex('calls_customer_idx').execute();
  await db.schema
    .alterTable('calls')
    .dropColumn('customer_id')
    .dropColumn('wrap_up_code_id')
    .dropColumn('wrap_up_category')
    .dropColumn('wrap_up_result')
    .dropColumn('wrap_up_note')
    .dropColumn('wrapped_up_at')
    .execute();
}
