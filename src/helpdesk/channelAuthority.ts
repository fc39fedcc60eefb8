/**
 * Who may switch a channel's help-desk triage or alerts on and off: an owner of the team, or an admin whose directory
 * roles allow the reads the feature makes. Team ownership is read from Microsoft Graph, as the owners of the team's
 * Microsoft 365 group (`channelData.team.aadGroupId`, else the Bot Framework's team details): the Bot Framework
 * roster does not say who owns a team.
 */
import { type TurnContext, TeamsInfo } from 'botbuilder';
import type { GraphSessions } from '../graph/sessions';
import { AskerNotInDirectory, roleList } from '../graph/askerAccess';
import type { PermissionKey, RoleName } from '../graph/permissions';
import { isGuid } from '../graph/ids';
import type { Logger } from '../logger';

export type Authority = { allowed: true; as: 'owner' | 'admin' } | { allowed: false; reason: string };

/** Owners of a group read page by page; a team has at most 100 owners, so three pages are more than enough. */
const MAX_OWNER_PAGES = 3;

export class ChannelAuthority {
  constructor(
    private readonly sessions: GraphSessions | undefined,
    private readonly logger: Logger,
  ) {}

  async check(context: TurnContext, reads: readonly PermissionKey[]): Promise<Authority> {
    const sessions = this.sessions;
    const aadObjectId = context.activity.from?.aadObjectId;
    if (!sessions) return { allowed: false, reason: 'No tenant is connected to this bot, so nothing can be read for this channel.' };
    if (!isGuid(aadObjectId)) return { allowed: false, reason: 'Teams did not say who you are in the directory, so I cannot check your roles.' };
    let needed: RoleName[] = [];
    try {
      const session = sessions.forAsker(aadObjectId);
      for (const key of reads) {
        const decision = await session.authorize(key);
        if (!decision.allowed) {
          needed = decision.neededRoles;
          break;
        }
      }
      if (!needed.length) return { allowed: true, as: 'admin' };
    } catch (err) {
      if (!(err instanceof AskerNotInDirectory)) throw err;
    }
    if (await this.ownsTeam(context, aadObjectId)) return { allowed: true, as: 'owner' };
    return { allowed: false, reason: `Only an owner of this team or an admin holding one of ${roleList(needed)} can change this.` };
  }

  private async ownsTeam(context: TurnContext, aadObjectId: string): Promise<boolean> {
    const groupId = await this.teamGroupId(context);
    if (!groupId || !this.sessions) return false;
    try {
      let page = (await this.sessions.directoryClient.api(`/groups/${groupId}/owners`).select('id').top(100).get()) as { value: Array<{ id: string }>; '@odata.nextLink'?: string };
      for (let pages = 1; ; pages++) {
        if (page.value.some((o) => o.id.toLowerCase() === aadObjectId.toLowerCase())) return true;
        const next = page['@odata.nextLink'];
        if (!next || pages >= MAX_OWNER_PAGES) return false;
        page = (await this.sessions.directoryClient.api(next).get()) as typeof page;
      }
    } catch (err) {
      this.logger.warn({ err, groupId }, 'the team\'s owners could not be read: not counted as an owner');
      return false;
    }
  }

  private async teamGroupId(context: TurnContext): Promise<string | undefined> {
    const team = (context.activity.channelData as { team?: { aadGroupId?: string } } | undefined)?.team;
    if (isGuid(team?.aadGroupId)) return team.aadGroupId;
    try {
      const details = await TeamsInfo.getTeamDetails(context);
      return isGuid(details.aadGroupId) ? details.aadGroupId : undefined;
    } catch (err) {
      this.logger.warn({ err }, 'the team\'s details could not be read: its owners are unknown');
      return undefined;
    }
  }
}
