/** The Identity Protection skills (issue #7) and the mitigation proposal, for the composition's skills list. */
import type { Skill } from '../types';
import { proposeMitigationSkill } from './proposeMitigation';
import { riskUserSkill } from './riskUser';
import { riskUsersSkill } from './riskUsers';
import { riskWorkloadSkill } from './riskWorkload';

export const riskSkills: readonly Skill[] = [riskUserSkill, riskUsersSkill, riskWorkloadSkill, proposeMitigationSkill];
