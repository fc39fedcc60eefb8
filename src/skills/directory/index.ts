/** The identity-administration skills (issue #8), for the composition's skills list. */
import type { Skill } from '../types';
import { appInfoSkill } from './appInfo';
import { auditChangesSkill } from './auditChanges';
import { groupInfoSkill } from './groupInfo';
import { policyInfoSkill } from './policyInfo';
import { roleAssignmentsSkill } from './roleAssignments';
import { userGroupsSkill } from './userGroups';
import { userInfoSkill } from './userInfo';

export const directorySkills: readonly Skill[] = [userInfoSkill, userGroupsSkill, groupInfoSkill, roleAssignmentsSkill, appInfoSkill, auditChangesSkill, policyInfoSkill];
