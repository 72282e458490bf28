import { Alert, Button, Fieldset, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLAG_KEYS, type FlagKey, type TThresholds } from '../../../common/api/ejournal.ts';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { type ThresholdsResponse, useSaveThresholds } from './use-watch-list.ts';

type Field = Exclude<keyof TThresholds, 'disabledFlags'>;
type Spec = { field: Field; min: number; max: number; step?: number; decimals?: number; percent?: boolean };

const FIELDS: Spec[] = [
  { field: 'unjustifiedLessons', min: 1, max: 500 },
  { field: 'attendanceRate', min: 10, max: 100, percent: true },
  { field: 'lowMarks', min: 1, max: 100 },
  { field: 'averageDrop', min: 0.1, max: 9, step: 0.1, decimals: 1 },
  { field: 'behaviourNotes', min: 1, max: 100 },
  { field: 'lessonsPerDay', min: 1, max: 12 },
];

/** Values as typed: the attendance rate in per cent, the others as the API has them. */
function toForm(value: TThresholds): Record<Field, number | string> {
  return {
    unjustifiedLessons: value.unjustifiedLessons,
    lowMarks: value.lowMarks,
    averageDrop: value.averageDrop,
    behaviourNotes: value.behaviourNotes,
    attendanceRate: Math.round(value.attendanceRate * 1000) / 10,
    lessonsPerDay: value.lessonsPerDay,
  };
}

/** The thresholds of one municipality (or the nation), with what each one raises a flag for. */
export function ThresholdsForm({
  orgId,
  initial,
  canEdit,
}: {
  orgId: string;
  initial: ThresholdsResponse;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const save = useSaveThresholds(orgId);
  const [values, setValues] = useState(() => toForm(initial));
  const [disabled, setDisabled] = useState<FlagKey[]>(() => [...initial.disabledFlags]);
  const [missing, setMissing] = useState<Field[]>([]);
  const serverErrors = fieldErrorsFrom(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const empty = FIELDS.map((spec) => spec.field).filter((field) => values[field] === '');
    setMissing(empty);
    if (empty.length > 0) return;
    const number = (field: Field) => Number(values[field]);
    save.mutate({
      unjustifiedLessons: number('unjustifiedLessons'),
      attendanceRate: Math.round(number('attendanceRate') * 10) / 1000,
      lowMarks: number('lowMarks'),
      averageDrop: number('averageDrop'),
      behaviourNotes: number('behaviourNotes'),
      lessonsPerDay: number('lessonsPerDay'),
      disabledFlags: FLAG_KEYS.filter((key) => disabled.includes(key)),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={560}>
        {initial.inherited && (
          <Alert color="blue" variant="outline">
            {t('thresholds.inherited')}
          </Alert>
        )}
        <ErrorAlert error={save.error} />
        <StatusMessage message={save.isSuccess ? t('common.saved') : null} />
        {FIELDS.map((spec) => (
          <NumberInput
            key={spec.field}
            label={t(`thresholds.fields.${spec.field}.label`)}
            description={t(`thresholds.fields.${spec.field}.hint`)}
            min={spec.min}
            max={spec.max}
            step={spec.step ?? 1}
            decimalScale={spec.decimals ?? 0}
            decimalSeparator={i18n.resolvedLanguage === 'en' ? '.' : ','}
            suffix={spec.percent ? ' %' : undefined}
            clampBehavior="strict"
            required
            readOnly={!canEdit}
            value={values[spec.field]}
            onChange={(value) => {
              setValues((current) => ({ ...current, [spec.field]: value }));
              save.reset();
            }}
            error={missing.includes(spec.field) ? t('errors.required') : serverErrors[spec.field]}
          />
        ))}
        <Fieldset legend={t('thresholds.flagsTitle')}>
          <Text size="sm" mb="sm">
            {t('thresholds.flagsIntro')}
          </Text>
          <Stack gap="xs">
            {FLAG_KEYS.map((key) => (
              <Switch
                key={key}
                label={t(`thresholds.flagOn.${key}`)}
                checked={!disabled.includes(key)}
                disabled={!canEdit}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setDisabled((current) => (on ? current.filter((k) => k !== key) : [...current, key]));
                  save.reset();
                }}
              />
            ))}
          </Stack>
        </Fieldset>
        {canEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
