import http from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { graphqlHandler } from './graphql-http.ts';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createContext, createLoaders, type App, type Auth, type RequestContext } from './context.ts';
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
  let handleGraphql: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  const httpServer = http.createServer((req, res) => {
    const path = req.url?.split('?', 1)[0];
    if (handleGraphql && path === '/graphql' && req.headers.upgrade === undefined) {
      handleGraphql(req, res).catch((e) => {
        log('error', 'graphql request failed', { err: String((e as Error)?.stack ?? e) });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      });
      return;
    }
    api(req, res);
  });
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
  // graphql-ws on the same port and path: authentication happens once, in connection_init.
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsServer = useServer<Record<string, unknown>, { auth?: Auth; clientToken?: string }>({
    schema,
    onConnect: async (ctx) => {
      const params = ctx.connectionParams ?? {};
      const authorization = typeof params.authorization === 'string' ? params.authorization : undefined;
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      const auth = m ? await app.auth.resolve(m[1]) : null;
      if (!auth) return false; // closes with 4403 Forbidden
      ctx.extra.auth = auth;
      ctx.extra.clientToken = typeof params.clientToken === 'string' ? params.clientToken : undefined;
      return true;
    },
    context: (ctx): RequestContext => {
      const em = app.orm.em.fork();
      return {
        app, em, auth: ctx.extra.auth!, clientToken: ctx.extra.clientToken, loaders: createLoaders(em, ctx.extra.auth!.merchantId),
        clientIp: (ctx.extra as { request?: http.IncomingMessage }).request?.socket.remoteAddress ?? 'unknown',
      };
    },
  }, wss);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The SDL is public (schema/); tools may introspect whatever NODE_ENV says.
    introspection: true,
    stopOnTerminationSignals: false, // main.ts owns shutdown (drain HTTP, close the ORM, stop the database)
    plugins: [
      // No @cacheControl in this API: without the plugin, Apollo does not wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsServer.dispose(); } }; } },
    ],
  });
  await apollo.start();
  const trustProxy = app.config.trustProxy;
  handleGraphql = graphqlHandler(apollo, (req) => createContext(app, req.headers.authorization, clientIp(req, trustProxy)));

  api.get('/healthz', async (_req, res) => {
    try {
      await app.orm.em.fork().execute('select 1');
      res.json({ ok: true });
    } catch (e) {
      res.status(503).json({ ok: false, error: String(e) });
    }
  });

  // The built widget (npm run build → dist/widget), for the script tag on merchants' pages.
  api.use('/widget', express.static(join(import.meta.dirname, '..', 'dist', 'widget'), {
    fallthrough: false,
    setHeaders: (res, path) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      // Content-hashed names (see manifest.json) never change; stable names are re-checked every 5 minutes.
      res.setHeader('Cache-Control', /\.[0-9a-f]{10}\.js$/.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    },
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

/** The caller's IP: the socket's peer, or the first X-Forwarded-For hop behind a trusted proxy. */
function clientIp(req: http.IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
