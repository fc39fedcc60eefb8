import * as path from 'node:path';
import { TENANT_APPS, tenantAppByName } from './applications';
import { applicationObject, firstPartyServicePrincipals, servicePrincipalObject } from './applicationObjects';
import { backgroundSignIns } from './backgroundSignIns';
import { directoryAudits } from './audits';
import { CollectionWriter, writeCollection, writeJson } from './collectionWriter';
import { conditionalAccessPolicies, EMERGENCY_ACCESS_GROUP, namedLocations } from './conditionalAccess';
import { DEMO_CAPTURED_AT, DEMO_TENANT_ID } from './constants';
import { groupObject, planGroups } from './groups';
import { organizationObject } from './organization';
import { buildPeople } from './people';
import { registrationDetails } from './registration';
import { riskData } from './risk';
import { planRoleAssignments, roleAssignmentObject } from './roleAssignments';
import { ROLES, roleDefinitionObject } from './roles';
import { buildSignIn, type SignInContext, type SignInEvent } from './signInBuilder';
import { applyStoryState } from './storyState';
import { storySignIns } from './storySignIns';
import { userObject, type UserActivity } from './users';
import { COLLECTION_FILES, SNAPSHOT_META_FILE } from '../snapshot/layout';

export interface GenerateOptions {
  outDir: string;
  seed?: number;
  users?: number;
  signIns?: number;
  audits?: number;
}

export const DEFAULT_SEED = 20261120;
export const DEFAULT_USERS = 250;
export const DEFAULT_SIGN_INS = 5000;
export const DEFAULT_AUDITS = 500;
/** Above this many sign-ins, objects are written lean (fewer optional fields). */
export const LEAN_SIGN_INS_ABOVE = 200_000;

/** The snapshot files, as docs/TENANT-FORMAT.md names them: the local Entra's own layout, so writer and reader agree. */
export const FILES = {
  snapshot: SNAPSHOT_META_FILE,
  ...COLLECTION_FILES,
  policies: COLLECTION_FILES.conditionalAccessPolicies,
} as const;

/**
 * Writes a complete, deterministic tenant snapshot: the Contoso demo (named people and storylines) plus seeded
 * background data of the requested size. Big collections are streamed, so memory stays bounded.
 */
export async function generateTenant(options: GenerateOptions): Promise<{ outDir: string; counts: Record<string, number> }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const signInTotal = options.signIns ?? DEFAULT_SIGN_INS;
  const file = (name: string) => path.join(options.outDir, name);
  const counts: Record<string, number> = {};

  const directory = buildPeople(seed, options.users ?? DEFAULT_USERS);
  applyStoryState(directory);
  const automationSpIds = ['Backup Service', 'Log Forwarder', 'Build Pipeline'].map((n) => tenantAppByName(n).servicePrincipalId);
  const groups = planGroups(seed, directory, automationSpIds);
  const roleAssignments = planRoleAssignments(directory, groups);
  const policies = conditionalAccessPolicies(groups.byName.get(EMERGENCY_ACCESS_GROUP)!.id);
  const locations = namedLocations();

  const noGroups: ReadonlySet<string> = new Set();
  const groupSets = new Map<string, ReadonlySet<string>>();
  const context: SignInContext = {
    policies,
    namedLocations: locations,
    lean: signInTotal > LEAN_SIGN_INS_ABOVE,
    groupsOf(userId) {
      let set = groupSets.get(userId);
      if (!set) {
        set = new Set(groups.groupsOfUser.get(userId) ?? []);
        groupSets.set(userId, set);
      }
      return set ?? noGroups;
    },
  };

  const story = storySignIns(seed, directory).sort((a, b) => b.time - a.time);
  const hrPortal = tenantAppByName('HR Portal');
  const assignedUsers = new Map([[hrPortal.appId, new Set(groups.byName.get('HR Portal Users')!.memberUserIds)]]);
  const background = backgroundSignIns({ seed, count: Math.max(0, signInTotal - story.length), people: directory.people, assignedUsers });
  const activity = new Map<string, UserActivity>();
  counts.signIns = await writeSignIns(file(FILES.signIns), mergeNewestFirst(story, background), context, activity);

  const usersWriter = CollectionWriter.open(file(FILES.users));
  for (const person of directory.people) await usersWriter.write(userObject(person, seed, directory.managerOf.get(person.id), activity.get(person.id)));
  counts.users = await usersWriter.close();

  const registrationWriter = CollectionWriter.open(file(FILES.userRegistrationDetails));
  for (const person of directory.people) await registrationWriter.write(registrationDetails(person));
  counts.userRegistrationDetails = await registrationWriter.close();

  counts.groups = await writeCollection(file(FILES.groups), groups.plans.map((g) => groupObject(g, groups.byName)));
  counts.applications = await writeCollection(file(FILES.applications), TENANT_APPS.map(applicationObject));
  counts.servicePrincipals = await writeCollection(file(FILES.servicePrincipals), [...TENANT_APPS.map(servicePrincipalObject), ...firstPartyServicePrincipals()]);
  counts.policies = await writeCollection(file(FILES.policies), policies);
  counts.namedLocations = await writeCollection(file(FILES.namedLocations), locations);
  counts.roleDefinitions = await writeCollection(file(FILES.roleDefinitions), Object.values(ROLES).map(roleDefinitionObject));
  counts.roleAssignments = await writeCollection(file(FILES.roleAssignments), roleAssignments.map(roleAssignmentObject));
  counts.directoryAudits = await writeCollection(file(FILES.directoryAudits), directoryAudits(seed, options.audits ?? DEFAULT_AUDITS, directory, groups));

  const risk = riskData(seed, directory, story);
  counts.riskyUsers = await writeCollection(file(FILES.riskyUsers), risk.riskyUsers);
  counts.riskDetections = await writeCollection(file(FILES.riskDetections), risk.riskDetections);
  counts.riskyServicePrincipals = await writeCollection(file(FILES.riskyServicePrincipals), risk.riskyServicePrincipals);
  counts.servicePrincipalRiskDetections = await writeCollection(file(FILES.servicePrincipalRiskDetections), risk.servicePrincipalRiskDetections);
  counts.organization = await writeCollection(file(FILES.organization), [organizationObject()]);

  writeJson(file(FILES.snapshot), {
    capturedDateTime: DEMO_CAPTURED_AT,
    tenantId: DEMO_TENANT_ID,
    description: `Contoso demo tenant (generated, seed ${seed}): ${counts.users} users, ${counts.signIns} sign-ins, ${counts.directoryAudits} audit entries.`,
  });
  return { outDir: options.outDir, counts };
}

/** Merges two newest-first streams into one newest-first stream. */
function* mergeNewestFirst(story: SignInEvent[], background: Iterator<SignInEvent>): Generator<SignInEvent> {
  let next = background.next();
  let i = 0;
  while (!next.done || i < story.length) {
    if (next.done || (i < story.length && story[i].time >= next.value.time)) yield story[i++];
    else {
      yield next.value;
      next = background.next();
    }
  }
}

async function writeSignIns(file: string, events: Iterable<SignInEvent>, context: SignInContext, activity: Map<string, UserActivity>): Promise<number> {
  const writer = CollectionWriter.open(file);
  for (const event of events) {
    const { record, errorCode } = buildSignIn(event, context);
    if (event.person) noteActivity(activity, event, errorCode);
    await writer.write(record);
  }
  return writer.close();
}

/** Sign-ins arrive newest first, so the first one seen of each kind is the latest. */
function noteActivity(activity: Map<string, UserActivity>, event: SignInEvent, errorCode: number): void {
  const id = event.person!.id;
  let entry = activity.get(id);
  if (!entry) activity.set(id, (entry = {}));
  if (event.kind === 'interactiveUser') {
    if (entry.lastSignInMs === undefined) {
      entry.lastSignInMs = event.time;
      entry.lastSignInRequestId = event.id;
    }
    if (errorCode === 0 && entry.lastSuccessfulMs === undefined) {
      entry.lastSuccessfulMs = event.time;
      entry.lastSuccessfulRequestId = event.id;
    }
  } else if (entry.lastNonInteractiveMs === undefined) {
    entry.lastNonInteractiveMs = event.time;
    entry.lastNonInteractiveRequestId = event.id;
  }
}
