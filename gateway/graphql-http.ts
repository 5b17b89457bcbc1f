import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

const MAX_BODY_BYTES = 1 << 20;

/**
 * Serves Apollo on `/graphql` straight from node:http (the money path's hot route), without the
 * router and body-parser layers: CORS for browsers on merchants' origins (no cookies), a 1 MiB
 * JSON body limit, then Apollo's own HTTP handling.
 */
export function graphqlHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage) => Promise<C>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Max-Age', '600');
    res.setHeader('Access-Control-Expose-Headers', 'Server-Timing');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const read = await readBody(req);
      if (read === null) {
        res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Request body larger than 1 MiB.', extensions: { code: 'BAD_REQUEST' } }] }));
        return;
      }
      const type = req.headers['content-type'] ?? '';
      if (read.length > 0 && /^application\/(graphql-response\+)?json\b/i.test(type)) {
        try {
          body = JSON.parse(read.toString('utf8'));
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Malformed JSON body.', extensions: { code: 'BAD_REQUEST' } }] }));
          return;
        }
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const q = req.url!.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: q >= 0 ? req.url!.slice(q) : '', body },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    // Time from the request's arrival to a serialized result (shown by browsers' devtools; read by the benchmarks).
    res.setHeader('Server-Timing', `graphql;dur=${(performance.now() - started).toFixed(1)}`);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}
