import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import { STUDENT_STATUSES } from '../../../common/api/students.ts';

/** The filter values of the list, as read from the address bar. */
export type StudentFilterValues = {
  q: string;
  schoolId: string | null;
  grade: string | null;
  course: string | null;
  classLabel: string;
  status: string | null;
};

type Props = {
  value: StudentFilterValues;
  /** Schools to filter by; with fewer than two the school filter is left out. */
  schools: readonly TOrganisation[];
  onChange: (changes: Partial<Record<keyof StudentFilterValues, string | null>>) => void;
};

const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/** A typed value that is applied after a pause, so each key press does not start a search. */
function useDebouncedText(current: string, apply: (text: string) => void) {
  const [text, setText] = useState(current);
  const [debounced] = useDebouncedValue(text, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text should trigger a search
  useEffect(() => {
    if (debounced.trim() !== current) apply(debounced.trim());
  }, [debounced]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the address when it changes elsewhere (a link to the bare list)
  useEffect(() => {
    if (current !== debounced.trim()) setText(current);
  }, [current]);
  return [text, setText] as const;
}

/** Search and filters of the student list; every change goes into the address bar and back to page 1. */
export function StudentFilters({ value, schools, onChange }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useDebouncedText(value.q, (q) => onChange({ q: q || null }));
  const [classText, setClassText] = useDebouncedText(value.classLabel, (classLabel) =>
    onChange({ classLabel: classLabel || null }),
  );
  const clearable = { clearable: true, clearButtonProps: { 'aria-label': t('common.clear') } };

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md" style={{ alignItems: 'end' }}>
      <TextInput
        label={t('students.search')}
        description={t('students.searchHint')}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {schools.length > 1 && (
        <Select
          label={t('students.school')}
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
        placeholder={t('common.any')}
        {...clearable}
        data={range(12).map((grade) => ({ value: grade, label: t('students.gradeValue', { grade }) }))}
        value={value.grade}
        onChange={(grade) => onChange({ grade, course: null })}
      />
      <Select
        label={t('students.course')}
        placeholder={t('common.any')}
        {...clearable}
        data={range(4).map((course) => ({ value: course, label: t('students.courseValue', { course }) }))}
        value={value.course}
        onChange={(course) => onChange({ course, grade: null })}
      />
      <TextInput
        label={t('students.classLabel')}
        description={t('students.classLabelHint')}
        value={classText}
        onChange={(event) => setClassText(event.currentTarget.value)}
      />
      <Select
        label={t('students.status')}
        placeholder={t('common.any')}
        {...clearable}
        data={STUDENT_STATUSES.map((status) => ({ value: status, label: t(`studentStatuses.${status}`) }))}
        value={value.status}
        onChange={(status) => onChange({ status })}
      />
    </SimpleGrid>
  );
}
