import type { Role } from '../../common/roles.ts';

export const DEMO_PASSWORD = 'Pumpurs-demo-1';

/** A demo account; `org` is 'nation', a municipality key, a school key or a partner key. */
export interface DemoAccount {
  email: string;
  firstName: string;
  lastName: string;
  home: string;
  grants: { role: Role; org: string }[];
}

/** The accounts listed in the README. All use DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@demo.pumpurs.lv',
    firstName: 'Anna',
    lastName: 'Administratore',
    home: 'nation',
    grants: [{ role: 'national_admin', org: 'nation' }],
  },
  {
    email: 'eksperts@demo.pumpurs.lv',
    firstName: 'Edgars',
    lastName: 'Eksperts',
    home: 'nation',
    grants: [
      { role: 'expert', org: 'ziemelu' },
      { role: 'expert', org: 's9' },
    ],
  },
  {
    email: 'koord.ziemelu@demo.pumpurs.lv',
    firstName: 'Zane',
    lastName: 'Ziemele',
    home: 'ziemelu',
    grants: [{ role: 'municipal_coordinator', org: 'ziemelu' }],
  },
  {
    email: 'koord.dienvidu@demo.pumpurs.lv',
    firstName: 'Dainis',
    lastName: 'Dienvidnieks',
    home: 'dienvidu',
    grants: [{ role: 'municipal_coordinator', org: 'dienvidu' }],
  },
  {
    email: 'direktors.s1@demo.pumpurs.lv',
    firstName: 'Dace',
    lastName: 'Direktore',
    home: 's1',
    grants: [{ role: 'school_director', org: 's1' }],
  },
  {
    email: 'koord.s1@demo.pumpurs.lv',
    firstName: 'Kristīne',
    lastName: 'Koordinatore',
    home: 's1',
    grants: [
      { role: 'school_coordinator', org: 's1' },
      { role: 'plan_preparer', org: 's1' },
    ],
  },
  {
    email: 'skolotajs.s1@demo.pumpurs.lv',
    firstName: 'Jānis',
    lastName: 'Skolotājs',
    home: 's1',
    grants: [{ role: 'teacher', org: 's1' }],
  },
  {
    email: 'koord.s2@demo.pumpurs.lv',
    firstName: 'Ilze',
    lastName: 'Ozoliņa',
    home: 's2',
    grants: [{ role: 'school_coordinator', org: 's2' }],
  },
  {
    email: 'auditors@demo.pumpurs.lv',
    firstName: 'Guntis',
    lastName: 'Auditors',
    home: 'nation',
    grants: [{ role: 'auditor', org: 'nation' }],
  },
];
