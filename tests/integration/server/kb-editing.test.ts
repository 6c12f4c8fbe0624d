// Editing articles in the app: only the quality manager and the admin; a change made on an old
// copy is refused as a conflict; each save is a version with who and why (the imported text kept
// as revision 1); the change reaches every replica through the feed; feedback is summarised.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiPath, ArticleSaved, ArticleVersionsResponse, FeedbackSummary, PROTOCOL_HEADER, PROTOCOL_VERSION, ServerErrorBody, type Role } from '../../../contract/index.ts';
import { ARTICLE_ID, LOGINS } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { SyncReplica } from './sync-replica.ts';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ now: new Date('2025-01-20T12:00:00.000Z') });
});
afterAll(async () => {
  await h?.close();
});

const tokenOf = (role: Role) => h.token(LOGINS[role]);
async function call(method: 'GET' | 'POST' | 'PUT', url: string, role: Role, payload?: object) {
  return h.app.inject({ method, url, payload, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${await tokenOf(role)}` } });
}
const draft = { category: 'financial' as const, title: 'Обещанный платёж', body: '# Обещанный платёж\n\nНа 5 дней, не чаще раза в месяц.', tags: ['оплата', 'долг'], note: 'срок 5 дней с декабря' };

describe('article editing', () => {
  it('a quality manager saves a change: versions keep the imported text and who changed what; replicas get it', async () => {
    const replica = new SyncReplica();
    await h.drain(await tokenOf('operator'), replica);
    const before = replica.rows.get(`article:${ARTICLE_ID}`)!.data as { updatedAt: string };

    const r = await call('PUT', apiPath(API.article, { id: ARTICLE_ID }), 'quality_manager', { ...draft, baseUpdatedAt: before.updatedAt });
    expect(r.statusCode, r.body).toBe(200);
    const saved = ArticleSaved.parse(r.json());
    expect(saved.revision).toBe(2);
    expect(saved.article).toMatchObject({ body: draft.body, tags: ['оплата', 'долг'] });
    expect(new Date(saved.article.updatedAt).getTime()).toBeGreaterThan(new Date(before.updatedAt).getTime());

    const versions = ArticleVersionsResponse.parse((await call('GET', apiPath(API.articleVersions, { id: ARTICLE_ID }), 'admin')).json()).versions;
    expect(versions.map((v) => [v.revision, v.editedBy?.displayName ?? null, v.note])).toEqual([
      [2, 'Контроль Галина', 'срок 5 дней с декабря'],
      [1, null, null],
    ]);
    expect(versions[1]!.body).toBe('# Обещанный платёж\n\nНа 3 дня.');

    const page = await h.pull(await tokenOf('operator'), replica.cursor);
    expect(page.changes).toEqual([expect.objectContaining({ entity: 'article', id: ARTICLE_ID, data: expect.objectContaining({ body: draft.body }) })]);
    const audit = await h.database.db.selectFrom('audit_log').selectAll().where('target_id', '=', ARTICLE_ID).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'article_saved', actor_login: LOGINS.quality_manager, fields: ['body', 'tags'] });
  });

  it('a save made on an old copy is a conflict and changes nothing', async () => {
    const current = (await h.database.db.selectFrom('kb_articles').select('body').where('id', '=', ARTICLE_ID).executeTakeFirstOrThrow()).body;
    const r = await call('PUT', apiPath(API.article, { id: ARTICLE_ID }), 'admin', { ...draft, body: 'Старая копия', baseUpdatedAt: '2025-01-15T09:00:00.000Z' });
    expect(r.statusCode).toBe(409);
    expect(ServerErrorBody.parse(r.json()).error).toMatchObject({ code: 'conflict', field: 'baseUpdatedAt' });
    expect((await h.database.db.selectFrom('kb_articles').select('body').where('id', '=', ARTICLE_ID).executeTakeFirstOrThrow()).body).toBe(current);
  });

  it('creates a new article that reaches the replicas', async () => {
    const r = await call('POST', API.articles, 'admin', { category: 'promotions', title: 'Зимняя акция', body: 'Скидка 20% на 3 месяца.', tags: ['акция'] });
    expect(r.statusCode, r.body).toBe(201);
    const saved = ArticleSaved.parse(r.json());
    expect(saved.revision).toBe(1);
    const replica = new SyncReplica();
    await h.drain(await tokenOf('operator'), replica);
    expect(replica.rows.get(`article:${saved.article.id}`)?.data).toEqual(saved.article);
  });

  it.each([
    ['an operator', 'operator', 403, 'forbidden'],
    ['a supervisor', 'supervisor', 403, 'forbidden'],
  ] as const)('%s may not edit', async (_n, role, status, code) => {
    const r = await call('POST', API.articles, role, { ...draft });
    expect(r.statusCode).toBe(status);
    expect(ServerErrorBody.parse(r.json()).error.code).toBe(code);
  });

  it.each([
    ['an empty title', { ...draft, title: '  ' }, 'title'],
    ['an unknown category', { ...draft, category: 'gossip' }, 'category'],
    ['an unknown field', { ...draft, author: 'me' }, 'author'],
  ])('refuses %s naming the field', async (_n, body, field) => {
    const r = await call('POST', API.articles, 'admin', body);
    expect(r.statusCode).toBe(400);
    expect(ServerErrorBody.parse(r.json()).error).toMatchObject({ code: 'invalid_input', field });
  });

  it('an unchanged text and a missing article are refused in words', async () => {
    const a = await h.database.db.selectFrom('kb_articles').selectAll().where('id', '=', ARTICLE_ID).executeTakeFirstOrThrow();
    const same = await call('PUT', apiPath(API.article, { id: ARTICLE_ID }), 'admin', { category: a.category, title: a.title, body: a.body, tags: a.tags, baseUpdatedAt: a.updated_at.toISOString() });
    expect(same.statusCode).toBe(400);
    expect(ServerErrorBody.parse(same.json()).error.message).toMatch(/nothing changed/);
    const missing = await call('PUT', apiPath(API.article, { id: randomUUID() }), 'admin', { ...draft, baseUpdatedAt: a.updated_at.toISOString() });
    expect(missing.statusCode).toBe(404);
  });
});

describe('feedback summary', () => {
  it('counts helped/outdated per article with the latest comments, most outdated first; operators may not read it', async () => {
    const token = await tokenOf('operator');
    const other = '20000000-0000-4000-8000-000000000002';
    await h.push(token, {
      clientId: randomUUID(),
      mutations: [
        { seq: 1, name: 'article.feedback', args: { articleId: other, verdict: 'outdated', comment: 'Нет шага про IPoE' } },
        { seq: 2, name: 'article.feedback', args: { articleId: other, verdict: 'outdated' } },
        { seq: 3, name: 'article.feedback', args: { articleId: ARTICLE_ID, verdict: 'helped' } },
      ],
    });
    const r = await call('GET', `${API.kbFeedback}?days=30`, 'quality_manager');
    expect(r.statusCode, r.body).toBe(200);
    const s = FeedbackSummary.parse(r.json());
    expect(s.articles[0]).toMatchObject({ articleId: other, outdated: 2, helped: 0, comments: [{ verdict: 'outdated', comment: 'Нет шага про IPoE', agentName: 'Оператор Анна' }] });
    expect(s.articles.find((a) => a.articleId === ARTICLE_ID)).toMatchObject({ helped: 1, outdated: 0 });
    expect((await call('GET', API.kbFeedback, 'operator')).statusCode).toBe(403);
    expect((await call('GET', `${API.kbFeedback}?days=0`, 'admin')).statusCode).toBe(400);
  });
});
