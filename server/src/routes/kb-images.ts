// Pictures of knowledge-base articles, for any signed-in agent: the bytes with their type, never
// sniffed, and a policy that keeps an SVG from running anything even if opened on its own.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API, KbImageName } from '../../../contract/index.ts';
import type { RequireRole } from '../auth/require-role.ts';
import type { AppContext } from '../context.ts';
import { notFound, parseInput } from '../http/errors.ts';

const Params = z.strictObject({ name: KbImageName });

export function registerKbImageRoutes(app: FastifyInstance, ctx: AppContext, requireRole: RequireRole): void {
  app.get(API.kbImage, { preHandler: requireRole() }, async (req, reply) => {
    const { name } = parseInput(Params, req.params);
    const image = await ctx.db.selectFrom('kb_images').select(['mime', 'bytes']).where('name', '=', name).executeTakeFirst();
    if (!image) throw notFound('picture');
    return reply
      .header('content-type', image.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .header('cache-control', 'private, max-age=86400')
      .send(Buffer.from(image.bytes));
  });
}
