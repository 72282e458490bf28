import { Group, Select, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FLAG_KEYS } from '../../../common/api/ejournal.ts';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import { SemesterSelect } from '../risks/semester-select.tsx';
import type { WatchListParams } from './use-watch-list.ts';

type Filters = Pick<
  WatchListParams,
  'semesterId' | 'schoolId' | 'grade' | 'flag' | 'onlyUnassessed' | 'withoutPlan' | 'legalDutyOpen'
>;

type Props = {
  value: Filters;
  /** Schools to filter by; with fewer than two the school filter is left out. */
  schools: readonly TOrganisation[];
  onChange: (changes: Partial<Record<keyof Filters | 'legalDuty', string | null>>) => void;
};

const GRADES = Array.from({ length: 12 }, (_, i) => String(i + 1));

/** Semester, school, grade, kind of flag and "not assessed only"; each change goes into the address bar. */
export function WatchListFilters({ value, schools, onChange }: Props) {
  const { t } = useTranslation();
  const clearable = { clearable: true, clearButtonProps: { 'aria-label': t('common.clear') } };
  return (
    <Group mb="md" align="flex-end" gap="md" wrap="wrap">
      <SemesterSelect value={value.semesterId} onChange={(semesterId) => onChange({ semesterId })} />
      {schools.length > 1 && (
        <Select
          label={t('students.school')}
          w={{ base: '100%', xs: 320 }}
          placeholder={t('students.allSchools')}
          searchable
          {...clearable}
          data={schools.map((school) => ({ value: school.id, label: school.name }))}
          value={value.schoolId}
          onChange={(schoolId) => onChange({ schoolId })}
          nothingFoundMessage={t('organisations.noMatch')}
        />
      )}
      <Select
        label={t('students.grade')}
        w={{ base: '100%', xs: 180 }}
        placeholder={t('common.any')}
        {...clearable}
        data={GRADES.map((grade) => ({ value: grade, label: t('students.gradeValue', { grade }) }))}
        value={value.grade}
        onChange={(grade) => onChange({ grade })}
      />
      <Select
        label={t('watchList.flag')}
        w={{ base: '100%', xs: 260 }}
        placeholder={t('common.any')}
        {...clearable}
        data={FLAG_KEYS.map((flag) => ({ value: flag, label: t(`watchList.flags.${flag}`) }))}
        value={value.flag}
        onChange={(flag) => onChange({ flag })}
      />
      <Switch
        label={t('watchList.onlyUnassessed')}
        checked={value.onlyUnassessed}
        onChange={(event) => onChange({ onlyUnassessed: event.currentTarget.checked ? 'true' : null })}
        mb={8}
      />
      <Switch
        label={t('watchList.withoutPlan')}
        checked={value.withoutPlan}
        onChange={(event) => onChange({ withoutPlan: event.currentTarget.checked ? 'true' : null })}
        mb={8}
      />
      <Switch
        label={t('watchList.legalDutyOpen')}
        checked={value.legalDutyOpen}
        onChange={(event) => onChange({ legalDuty: event.currentTarget.checked ? 'open' : null })}
        mb={8}
      />
    </Group>
  );
}
