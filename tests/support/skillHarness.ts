import { localGraphConfig, type LocalGraphConfig } from '../../src/cli/localGraphConfig';
import { startLocalEntra, type LocalEntra } from '@entra-assistant/local-entra';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { GraphDirectory } from '../../src/graph/directory';
import type { PermissionKey } from '../../src/graph/permissions';
import { collectGraphRequests } from '../../src/graph/requestLog';
import { GraphSessions } from '../../src/graph/sessions';
import type { Skill, SkillAnswer, SkillRequest } from '../../src/skills/types';
import { GrammarRecognizer } from '../../src/understanding/grammarRecognizer';
import { PINNED_NOW } from './demoStack';

/**
 * One skill called directly (no bot) against a local Entra on a snapshot, as the Global Administrator: for tests of
 * a skill's own contract, such as "show more" cursors, that the bot does not let a test craft.
 */
export class SkillHarness {
  readonly now = new Date(PINNED_NOW);
  private entra?: LocalEntra;
  private local?: LocalGraphConfig;
  private sessions?: GraphSessions;
  private recognizer?: GrammarRecognizer;

  constructor(
    private readonly tenantDir: string,
    private readonly skill: Skill,
  ) {}

  /** Starts the local Entra and reads the asker's roles once (cached), so each call counts only its own requests. */
  async start(warm: PermissionKey): Promise<this> {
    this.entra = await startLocalEntra({ tenantDir: this.tenantDir, now: this.now, port: 0 });
    this.local = localGraphConfig(this.entra);
    this.sessions = new GraphSessions(this.local.config);
    this.recognizer = new GrammarRecognizer({ directory: new GraphDirectory(this.sessions.directoryClient) });
    await this.sessions.forAsker(DEMO_ADMIN.id).authorize(warm);
    return this;
  }

  /** Where the local Entra answers: every URL a skill reads must be on it. */
  get graphOrigin(): string {
    return new URL(this.entra!.graphBaseUrl).origin;
  }

  async stop(): Promise<void> {
    await this.entra?.stop();
    this.local?.dispose();
  }

  /** The skill's answer to the question (with a "show more" cursor, if given) and the Graph URLs it read. */
  async ask(text: string, cursor?: string): Promise<{ answer: SkillAnswer; urls: string[] }> {
    const understanding = await this.recognizer!.recognize(text, { now: this.now });
    const request: SkillRequest = {
      understanding,
      asker: { aadObjectId: DEMO_ADMIN.id },
      conversationType: 'personal',
      now: this.now,
      tenant: this.sessions!.forAsker(DEMO_ADMIN.id),
      ...(cursor !== undefined ? { cursor } : {}),
    };
    const { result, graphRequests } = await collectGraphRequests(() => this.skill.answer(request));
    return { answer: result, urls: graphRequests.map((r) => r.url) };
  }
}
