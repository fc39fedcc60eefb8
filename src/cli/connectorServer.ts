import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/**
 * A Bot Framework connector on loopback, standing in for Teams' connector: it records the activities the bot sends
 * and answers each with a resource id. The ask CLI and the tests read the answers from it.
 */
export class ConnectorServer {
  readonly calls: ConnectorCall[] = [];
  /**
   * A connector outage on demand (tests): when it returns a status for a call, the call is answered with that error
   * and not recorded among `calls`; `refused` counts them.
   */
  refuse?: (call: ConnectorCall) => number | undefined;
  refused = 0;
  private server?: http.Server;
  private waiters: Array<{ predicate: (c: ConnectorCall) => boolean; resolve: (c: ConnectorCall) => void }> = [];
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => {
        const call: ConnectorCall = {
          method: req.method ?? '',
          path: req.url ?? '',
          authorization: req.headers.authorization,
          body: data ? (JSON.parse(data) as Record<string, unknown>) : {},
        };
        const failure = this.refuse?.(call);
        if (failure) {
          this.refused += 1;
          res.writeHead(failure, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'connector unavailable (test)' } }));
          return;
        }
        this.calls.push(call);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.calls.length}` }));
        this.waiters = this.waiters.filter((w) => {
          if (!w.predicate(call)) return true;
          w.resolve(call);
          return false;
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Activities sent (not typing), in order. */
  messages(): Record<string, unknown>[] {
    return this.calls.map((c) => c.body).filter((b) => b.type === 'message');
  }

  waitFor(predicate: (c: ConnectorCall) => boolean, timeoutMs = 5000): Promise<ConnectorCall> {
    const existing = this.calls.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connector: expected activity did not arrive')), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (c) => {
          clearTimeout(timer);
          resolve(c);
        },
      });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
