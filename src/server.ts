import * as restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from './logger';

export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

export interface WebServerOptions {
  adapter: CloudAdapter;
  bot: TurnRunner;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  logger: Logger;
  /** How long stop() waits for turns in flight before closing anyway. */
  drainTimeoutMs?: number;
}

export interface WebServer {
  url: string;
  port: number;
  /** Stops accepting requests and resolves once the turns in flight have finished. */
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { adapter, bot, logger } = options;
  const server = restify.createServer({ name: 'entra-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;

  server.post('/api/messages', async (req, res) => {
    if (stopping) {
      res.send(503, { error: 'shutting down' });
      return;
    }
    const body: unknown = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: 'The body must be a Bot Framework activity: a JSON object with a "type".' });
      return;
    }
    const turn = adapter.process(req, res, (context) => bot.run(context));
    inFlight.add(turn);
    try {
      await turn;
    } catch (err) {
      logger.error({ err }, 'request failed outside a turn');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight.delete(turn);
    }
  });

  // eslint-disable-next-line @typescript-eslint/require-await -- restify accepts a two-argument handler only as an async function
  server.get('/healthz', async (_req, res) => {
    res.send(stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok' });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  return {
    url,
    port: address.port,
    async stop() {
      stopping = true;
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      const drained = Promise.allSettled([...inFlight]);
      const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), options.drainTimeoutMs ?? 10_000).unref());
      const drainedInTime = await Promise.race([drained.then(() => true), timeout]);
      server.server.closeIdleConnections?.();
      if (!drainedInTime) {
        // server.close() waits for every open connection: a hung turn would keep stop() (and the process) alive.
        logger.warn({ turns: inFlight.size }, 'turns still running after the drain timeout; closing their connections');
        server.server.closeAllConnections?.();
      }
      await closed;
    },
  };
}
