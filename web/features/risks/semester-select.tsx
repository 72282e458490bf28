import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultSemesterId, semesterLabel } from './risk-labels.ts';
import { useSemesters } from './use-risks.ts';

/** The semester chosen on a page: the current one until the user picks another. */
export function useSemesterChoice() {
  const semesters = useSemesters();
  const [chosen, setChosen] = useState<string | null>(null);
  return { semesters, semesterId: chosen ?? defaultSemesterId(semesters.data), setSemesterId: setChosen };
}

type Props = {
  value: string | null;
  onChange: (semesterId: string) => void;
  label?: string;
  /** Wide enough for "2026./2027. m. g. 1. semestris (pašreizējais)". */
  width?: number;
};

/** A labelled choice of semester, newest first ("2026./2027. m. g. 1. semestris"). */
export function SemesterSelect({ value, onChange, label, width = 400 }: Props) {
  const { t } = useTranslation();
  const semesters = useSemesters();
  return (
    <Select
      label={label ?? t('risks.semester')}
      w={{ base: '100%', xs: width }}
      allowDeselect={false}
      data={(semesters.data ?? []).map((semester) => ({
        value: semester.id,
        label: semester.current
          ? `${semesterLabel(t, semester)} ${t('risks.currentSuffix')}`
          : semesterLabel(t, semester),
      }))}
      value={value}
      onChange={(next) => {
        if (next) onChange(next);
      }}
      disabled={semesters.isPending}
    />
  );
}
