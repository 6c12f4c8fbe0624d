// Teams and the inbox's service levels.
//
// Teams: every agent may belong to one (first line Moscow, Kaluga, home operators…); an operator's
// replica holds the open conversations of their teammates (the team queue, sync/scope.ts).
//
// SLA: per channel, how long until the first reply and until the conversation is resolved
// (`sla_targets`, defaults below; null = no target, as for the phone, whose queue is the PBX's).
// Each conversation carries its own due times, fixed when it is opened, so changing a target does
// not move running timers. They are kept by triggers rather than by each write, because several
// writers touch conversations (ingest, replies, assignment, status) and none may forget them:
//   - insert: first_response_due_at and resolution_due_at from the channel's targets;
//   - a reply (message 'out') inserted: first_response_at, the first one's time;
//   - status to waiting_customer: the resolution clock pauses (sla_paused_at); back from it: the
//     resolution due time moves on by the pause.
// Times are the writer's clock (its updated_at, which every write sets) where it moved, else now().
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9_-]{1,40}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('agents').addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null')).execute();
  await sql`create index agents_team_idx on agents (team_id) where team_id is not null`.execute(db);

  await db.schema
    .createTable('sla_targets')
    .addColumn('channel', 'text', (c) => c.primaryKey())
    .addColumn('first_response_minutes', 'integer', (c) => c.check(sql`first_response_minutes > 0`))
    .addColumn('resolution_minutes', 'integer', (c) => c.check(sql`resolution_minutes > 0`))
    .execute();
  await sql`insert into sla_targets (channel, first_response_minutes, resolution_minutes) values
    ('phone', null, null), ('whatsapp', 5, 480), ('telegram', 5, 480), ('email', 60, 1440), ('fax', 240, 2880)`.execute(db);

  await db.schema
    .alterTable('conversations')
    .addColumn('first_response_due_at', 'timestamptz')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('resolution_due_at', 'timestamptz')
    .addColumn('sla_paused_at', 'timestamptz')
    .execute();
  // The shared queue (unassigned, not resolved) and the team queue (teammates' open ones) are
  // looked up per scope refresh.
  await sql`create index conversations_queue_idx on conversations (channel) where assignee_id is null and status <> 'resolved'`.execute(db);
  await sql`create index conversations_open_assignee_idx on conversations (assignee_id) where status <> 'resolved'`.execute(db);

  await sql`create function conversation_sla_opened() returns trigger language plpgsql as $$
    declare first_min integer; resolve_min integer;
    begin
      select t.first_response_minutes, t.resolution_minutes into first_min, resolve_min from sla_targets t where t.channel = new.channel;
      new.first_response_due_at := coalesce(new.first_response_due_at, new.created_at + make_interval(mins => first_min));
      new.resolution_due_at := coalesce(new.resolution_due_at, new.created_at + make_interval(mins => resolve_min));
      if new.status = 'waiting_customer' then new.sla_paused_at := coalesce(new.sla_paused_at, new.updated_at); end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger conversations_sla_opened before insert on conversations
    for each row execute function conversation_sla_opened()`.execute(db);

  await sql`create function conversation_sla_status() returns trigger language plpgsql as $$
    declare at timestamptz := case when new.updated_at > old.updated_at then new.updated_at else now() end;
    begin
      if new.status = 'waiting_customer' and old.status <> 'waiting_customer' then
        new.sla_paused_at := at;
      elsif old.status = 'waiting_customer' and new.status <> 'waiting_customer' then
        if old.sla_paused_at is not null and at > old.sla_paused_at then
          new.resolution_due_at := new.resolution_due_at + (at - old.sla_paused_at);
        end if;
        new.sla_paused_at := null;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger conversations_sla_status before update of status on conversations
    for each row when (old.status is distinct from new.status) execute function conversation_sla_status()`.execute(db);

  // One statement per insert, not per row: the seed writes replies by the thousand.
  await sql`create function conversation_sla_replied() returns trigger language plpgsql as $$
    begin
      update conversations cv set first_response_at = r.at
        from (select conversation_id, min(created_at) as at from replied where direction = 'out' group by conversation_id) r
       where cv.id = r.conversation_id and (cv.first_response_at is null or cv.first_response_at > r.at);
      return null;
    end $$`.execute(db);
  await sql`create trigger messages_sla_replied after insert on messages
    referencing new table as replied for each statement execute function conversation_sla_replied()`.execute(db);

  // Conversations from before: due times from when they were opened, the first reply from the thread.
  await sql`update conversations cv set
      first_response_due_at = cv.created_at + make_interval(mins => t.first_response_minutes),
      resolution_due_at = cv.created_at + make_interval(mins => t.resolution_minutes),
      sla_paused_at = case when cv.status = 'waiting_customer' then cv.updated_at end,
      first_response_at = (select min(m.created_at) from messages m where m.conversation_id = cv.id and m.direction = 'out')
    from sla_targets t where t.channel = cv.channel`.execute(db);
}
