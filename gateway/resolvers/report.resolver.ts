import { requireSecret, type RequestContext } from '../context.ts';
import { report } from '../services/report.service.ts';

export const reportResolvers = {
  Query: {
    report: (_: unknown, args: { from: Date; to: Date; locationId?: string | null }, ctx: RequestContext) => {
      requireSecret(ctx);
      return report(ctx.em.fork(), ctx.auth.merchantId, args);
    },
  },
};
