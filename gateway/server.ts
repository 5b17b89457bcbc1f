import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { createContext, type App, type RequestContext } from './context.ts';
import { loadTypeDefs, resolvers } from './resolvers/index.ts';
import { log } from './log.ts';

export interface GatewayServer {
  url: string;
  port: number;
  httpServer: http.Server;
  express: express.Express;
  close(): Promise<void>;
}

/** Errors that are not GraphQL errors are internal: logged in full, reported without details. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR') {
    log('error', 'internal error', { err: String((unwrapResolverError(error) as Error)?.stack ?? error), path: formatted.path });
    return { message: 'Internal server error', path: formatted.path, extensions: { code } };
  }
  const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

/** HTTP server with /graphql (Apollo) and /healthz. Listens on `port` (0 = any free port). */
export async function startServer(app: App, opts: { port: number; host?: string; mount?: (e: express.Express) => void }): Promise<GatewayServer> {
  const api = express();
  api.disable('x-powered-by');
  if (app.config.trustProxy) api.set('trust proxy', true);
  const httpServer = http.createServer(api);
  const apollo = new ApolloServer<RequestContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    formatError,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false, // main.ts owns shutdown (drain HTTP, close the ORM, stop the database)
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  api.get('/healthz', async (_req, res) => {
    try {
      await app.orm.em.fork().execute('select 1');
      res.json({ ok: true });
    } catch (e) {
      res.status(503).json({ ok: false, error: String(e) });
    }
  });

  // Browsers call /graphql from merchants' own origins with a publishable key (no cookies).
  api.use('/graphql', (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Max-Age', '600');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });
  api.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, {
    context: async ({ req }) => createContext(app, req.headers.authorization, req.ip ?? req.socket.remoteAddress ?? 'unknown'),
  }));
  opts.mount?.(api);

  await new Promise<void>((resolve) => httpServer.listen(opts.port, opts.host ?? '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`;
  return {
    url,
    port,
    httpServer,
    express: api,
    async close() {
      await apollo.stop();
    },
  };
}
