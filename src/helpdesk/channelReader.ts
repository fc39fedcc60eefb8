/**
 * Whose roles a channel's unattended reads use (triage replies, alert cards): the configured reader
 * (HELPDESK_READER, an object id or a user principal name) or, without one, the person who turned the feature on.
 */
import type { GraphSessions } from '../graph/sessions';
import { isGuid } from '../graph/ids';
import type { ChannelPerson } from '../channels/channelStore';

export interface Reader {
  aadObjectId: string;
  name?: string;
}

export class ChannelReader {
  private configured?: Promise<Reader | undefined>;

  constructor(
    private readonly sessions: GraphSessions | undefined,
    private readonly reader: string | undefined,
  ) {}

  /** The reader for a feature turned on by `by`; undefined when neither is known in the directory. */
  async readerFor(by: ChannelPerson | undefined): Promise<Reader | undefined> {
    if (this.reader) return this.configuredReader();
    return isGuid(by?.aadObjectId) ? { aadObjectId: by.aadObjectId, name: by.name } : undefined;
  }

  get isConfigured(): boolean {
    return this.reader !== undefined;
  }

  private configuredReader(): Promise<Reader | undefined> {
    this.configured ??= (async () => {
      if (!this.sessions || !this.reader) return undefined;
      const user = (await this.sessions.directoryClient.api(`/users/${encodeURIComponent(this.reader)}`).select('id,displayName').get()) as { id: string; displayName?: string };
      return { aadObjectId: user.id, name: user.displayName };
    })();
    // A failed lookup (Graph down) is tried again next time rather than remembered.
    this.configured.catch(() => (this.configured = undefined));
    return this.configured;
  }
}
