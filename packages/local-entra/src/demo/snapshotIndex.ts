import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIRST_PARTY } from './applications';
import { clientAppTypeOf, matchNamedLocations, platformOf, type SignInFacts } from './caEvaluation';
import { FILES } from './generate';

/**
 * Reads a (small) snapshot folder back and derives what Graph would derive: transitive group membership,
 * directory roles (direct or through groups), and the Conditional Access facts of a sign-in. The tests use it
 * to check that the generated data agrees with itself.
 */

type Json = Record<string, any>;

export type Snapshot = { -readonly [K in keyof typeof FILES]: Json[] };

export function readSnapshot(dir: string): Snapshot {
  const result = {} as Snapshot;
  for (const [key, file] of Object.entries(FILES) as Array<[keyof typeof FILES, string]>) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) {
      result[key] = [];
      continue;
    }
    const parsed = JSON.parse(fs.readFileSync(full, 'utf8'));
    result[key] = key === 'snapshot' ? [parsed] : parsed.value;
  }
  return result;
}

const OFFICE365_APP_IDS = new Set(Object.values(FIRST_PARTY).filter((a) => a.office365).map((a) => a.appId));
const MFA_RESULTS = new Set(['MFA successfully completed', 'MFA requirement satisfied by claim in the token']);

export class SnapshotIndex {
  readonly usersById = new Map<string, Json>();
  readonly groupsById = new Map<string, Json>();
  private readonly parentGroups = new Map<string, string[]>();
  private readonly directGroupsOfUser = new Map<string, string[]>();

  constructor(readonly snapshot: Snapshot) {
    for (const user of snapshot.users) this.usersById.set(user.id, user);
    for (const group of snapshot.groups) {
      this.groupsById.set(group.id, group);
      for (const member of group.members ?? []) {
        const map = member['@odata.type'] === '#microsoft.graph.group' ? this.parentGroups : this.directGroupsOfUser;
        map.set(member.id, [...(map.get(member.id) ?? []), group.id]);
      }
    }
  }

  /** Every group the user is in, directly or through nested groups. */
  groupsOf(userId: string): Set<string> {
    const result = new Set<string>();
    const visit = (groupId: string) => {
      if (result.has(groupId)) return;
      result.add(groupId);
      for (const parent of this.parentGroups.get(groupId) ?? []) visit(parent);
    };
    for (const groupId of this.directGroupsOfUser.get(userId) ?? []) visit(groupId);
    return result;
  }

  /** Role definition ids the user holds, directly or through a role-assignable group. */
  rolesOf(userId: string): Set<string> {
    const principals = new Set([userId, ...this.groupsOf(userId)]);
    return new Set(this.snapshot.roleAssignments.filter((a) => principals.has(a.principalId)).map((a) => a.roleDefinitionId));
  }

  /** The Conditional Access facts of a user sign-in, read back from the log entry and the directory. */
  factsOf(signIn: Json, userRiskLevel = 'none'): SignInFacts {
    const user = this.usersById.get(signIn.userId);
    const located = matchNamedLocations(signIn.ipAddress, signIn.location?.countryOrRegion, this.snapshot.namedLocations);
    return {
      userId: signIn.userId,
      isGuest: user?.userType === 'Guest',
      groupIds: this.groupsOf(signIn.userId),
      roleIds: this.rolesOf(signIn.userId),
      appId: signIn.appId,
      office365: OFFICE365_APP_IDS.has(signIn.appId),
      clientAppType: clientAppTypeOf(signIn.clientAppUsed),
      platform: platformOf(signIn.deviceDetail?.operatingSystem),
      namedLocationIds: located.ids,
      trustedLocation: located.trusted,
      userRiskLevel,
      signInRiskLevel: signIn.riskLevelDuringSignIn ?? 'none',
      mfaSatisfied: (signIn.authenticationDetails ?? []).some((d: Json) => d.succeeded && MFA_RESULTS.has(d.authenticationStepResultDetail)),
      deviceCompliant: signIn.deviceDetail?.isCompliant === true,
    };
  }
}
