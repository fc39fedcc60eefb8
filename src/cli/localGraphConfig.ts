import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GraphConfig } from '../config';
import type { LocalEntra } from '@entra-assistant/local-entra';
import { LOCAL_BOT_CLIENT } from '@entra-assistant/local-entra';

export interface LocalGraphConfig {
  /** What the bot would be configured with to read this local Entra: its URLs, the bot's client, and the CA to trust. */
  config: GraphConfig;
  /** Removes the CA file. */
  dispose(): void;
}

/** The bot's Graph configuration for a running local Entra; the certificate goes to a private temporary file. */
export function localGraphConfig(entra: LocalEntra): LocalGraphConfig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-entra-'));
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, entra.caCertPem);
  return {
    config: {
      baseUrl: entra.graphBaseUrl,
      authorityHost: entra.authorityHost,
      tenantId: entra.tenantId,
      clientId: LOCAL_BOT_CLIENT.clientId,
      clientSecret: LOCAL_BOT_CLIENT.clientSecret,
      caFile,
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
