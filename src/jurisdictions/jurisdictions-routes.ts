import { z } from 'zod';
import { JurisdictionList } from '../users/users-schema.ts';
import type { App } from '../server/types.ts';

export async function jurisdictionsRoutes(app: App) {
  app.get('/jurisdictions', {
    schema: {
      operationId: 'listJurisdictions',
      tags: ['reference'],
      querystring: z.strictObject({
        country: z.string().regex(/^[A-Z]{2}$/).optional(),
        parent: z.string().min(2).max(40).optional(),
        level: z.enum(['country', 'region', 'municipality']).optional(),
      }),
      response: { 200: JurisdictionList },
    },
    handler: async (request) => {
      const { country, parent, level } = request.query;
      const rows = await app.database.db
        .selectFrom('jurisdictions')
        .selectAll()
        .$if(!!country, (q) => q.where('country', '=', country!))
        .$if(!!parent, (q) => q.where('parent_code', '=', parent!))
        .$if(!!level, (q) => q.where('level', '=', level!))
        .orderBy('code')
        .execute();
      return {
        items: rows.map((r) => ({ code: r.code, country: r.country, level: r.level, parentCode: r.parent_code, nameLocal: r.name_local, nameEn: r.name_en })),
      };
    },
  });
}
