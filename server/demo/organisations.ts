import type { PartnerKind } from '../../common/api/organisations.ts';
import type { SchoolType } from '../../common/roles.ts';

/** A demo school: its key (used in account names), name, type and code. */
export interface DemoSchool {
  key: string;
  name: string;
  schoolType: SchoolType;
  code: string;
}

export interface DemoMunicipality {
  key: string;
  name: string;
  code: string;
  schools: DemoSchool[];
  partners: { key: string; name: string; kind: PartnerKind }[];
}

/** Two fictional municipalities with four schools each; school keys s1…s8 are global. */
export const DEMO_MUNICIPALITIES: DemoMunicipality[] = [
  {
    key: 'ziemelu',
    name: 'Ziemeļu novads',
    code: 'ZIEM',
    schools: [
      { key: 's1', name: 'Ziemeļu novada 1. vidusskola', schoolType: 'general', code: 'ZIEM-S1' },
      { key: 's2', name: 'Ziemeļu novada Ozolu pamatskola', schoolType: 'general', code: 'ZIEM-S2' },
      { key: 's3', name: 'Ziemeļu novada speciālā pamatskola', schoolType: 'special', code: 'ZIEM-S3' },
      { key: 's4', name: 'Ziemeļu novada Lauku vidusskola', schoolType: 'vocational', code: 'ZIEM-S4' },
    ],
    partners: [
      { key: 'ziemelu-soc', name: 'Ziemeļu novada Sociālais dienests', kind: 'social_service' },
      { key: 'ziemelu-bt', name: 'Ziemeļu novada bāriņtiesa', kind: 'orphans_court' },
    ],
  },
  {
    key: 'dienvidu',
    name: 'Dienvidu novads',
    code: 'DIEN',
    schools: [
      { key: 's5', name: 'Dienvidu novada ģimnāzija', schoolType: 'general', code: 'DIEN-S5' },
      { key: 's6', name: 'Dienvidu novada Liepu pamatskola', schoolType: 'general', code: 'DIEN-S6' },
      { key: 's7', name: 'Dienvidu novada speciālā pamatskola', schoolType: 'special', code: 'DIEN-S7' },
      { key: 's8', name: 'Dienvidu novada Upes vidusskola', schoolType: 'vocational', code: 'DIEN-S8' },
    ],
    partners: [
      { key: 'dienvidu-soc', name: 'Dienvidu novada Sociālais dienests', kind: 'social_service' },
      { key: 'dienvidu-bt', name: 'Dienvidu novada bāriņtiesa', kind: 'orphans_court' },
    ],
  },
];

/** The state vocational school, directly under the nation. */
export const DEMO_STATE_SCHOOL: DemoSchool = {
  key: 's9',
  name: 'Valsts Jūrmalas tehnikums',
  schoolType: 'state_vocational',
  code: 'VPII-S9',
};

export const NATION = { name: 'Latvija', code: 'LV' };
