import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  CONSULTATION_TYPES,
  ECONOMIC_CATEGORIES,
  MEASURE_KINDS,
  OTHER_TYPES,
} from '../../../common/api/plans.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { NoteAlert } from '../../components/note-alert.tsx';
import type { DraftMeasure, PathErrors } from './plan-draft.ts';
import { planFieldId } from './plan-issues.ts';
import { riskLabel } from './plan-labels.ts';
import type { StaffOption } from './plan-options.ts';
import type { RiskOption } from './plan-risks-field.tsx';

type Props = {
  measure: DraftMeasure;
  index: number;
  risks: RiskOption[];
  staff: StaffOption[];
  errors: PathErrors;
  returnComment?: string;
  onChange: (patch: Partial<DraftMeasure>) => void;
  onRemove: () => void;
};

/** One measure: its kind, the fields of that kind, the risks it addresses and why. */
export function PlanMeasureFields({
  measure,
  index,
  risks,
  staff,
  errors,
  returnComment,
  onChange,
  onRemove,
}: Props) {
  const { t } = useTranslation();
  const n = index + 1;
  const error = (field: string) => errors[`measures.${index}.${field}`];
  const fieldId = (field: string) => planFieldId(`measures.${index}.${field}`);
  const options = (values: readonly string[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  const decimal = currentLanguage() === 'lv' ? ',' : '.';
  const provider = (
    <Select
      label={t('plans.provider')}
      description={staff.length === 0 ? t('plans.staffUnavailable') : undefined}
      data={staff}
      value={measure.providerId}
      onChange={(value) => onChange({ providerId: value })}
      disabled={staff.length === 0}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      searchable
      id={fieldId('providerId')}
      error={error('providerId')}
    />
  );

  return (
    <Fieldset id={planFieldId(`measures.${index}`)} legend={t('plans.measureN', { n })}>
      <Stack gap="sm">
        {returnComment && (
          <NoteAlert color="orange" title={t('plans.measureReturnComment')}>
            {returnComment}
          </NoteAlert>
        )}
        <Radio.Group
          label={t('plans.measureKind')}
          required
          value={measure.kind}
          onChange={(value) => onChange({ kind: value as DraftMeasure['kind'] })}
          id={fieldId('kind')}
          error={error('kind')}
        >
          <Group mt="xs">
            {MEASURE_KINDS.map((kind) => (
              <Radio key={kind} value={kind} label={t(`plans.measureKinds.${kind}`)} />
            ))}
          </Group>
        </Radio.Group>
        {measure.kind === 'consultation' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('plans.consultationType')}
              required
              data={options(CONSULTATION_TYPES, 'plans.consultationTypes')}
              value={measure.consultationType}
              onChange={(value) => onChange({ consultationType: value })}
              id={fieldId('consultationType')}
              error={error('consultationType')}
            />
            {measure.consultationType === 'subject' && (
              <TextInput
                label={t('plans.subject')}
                required
                maxLength={80}
                value={measure.subject}
                onChange={(event) => onChange({ subject: event.currentTarget.value })}
                id={fieldId('subject')}
                error={error('subject')}
              />
            )}
            {provider}
            <NumberInput
              label={t('plans.plannedHours')}
              description={t('plans.plannedHoursHint')}
              required
              min={0.5}
              max={500}
              step={0.5}
              decimalScale={1}
              decimalSeparator={decimal}
              allowNegative={false}
              value={measure.plannedHours}
              onChange={(value) => onChange({ plannedHours: value })}
              id={fieldId('plannedHours')}
              error={error('plannedHours')}
            />
          </SimpleGrid>
        )}
        {measure.kind === 'economic' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('plans.economicCategory')}
              required
              data={options(ECONOMIC_CATEGORIES, 'plans.economicCategories')}
              value={measure.economicCategory}
              onChange={(value) => onChange({ economicCategory: value })}
              id={fieldId('economicCategory')}
              error={error('economicCategory')}
            />
            <NumberInput
              label={t('plans.plannedEuros')}
              description={t('plans.plannedEurosHint')}
              required
              min={0.01}
              max={100000}
              decimalScale={2}
              fixedDecimalScale
              decimalSeparator={decimal}
              allowNegative={false}
              suffix=" €"
              value={measure.euros}
              onChange={(value) => onChange({ euros: value })}
              id={fieldId('plannedCents')}
              error={error('plannedCents')}
            />
          </SimpleGrid>
        )}
        {measure.kind === 'other' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('plans.otherType')}
              required
              data={options(OTHER_TYPES, 'plans.otherTypes')}
              value={measure.otherType}
              onChange={(value) => onChange({ otherType: value })}
              id={fieldId('otherType')}
              error={error('otherType')}
            />
            {provider}
          </SimpleGrid>
        )}
        <Textarea
          label={t('plans.description')}
          autosize
          minRows={2}
          maxLength={1000}
          value={measure.description}
          onChange={(event) => onChange({ description: event.currentTarget.value })}
          id={fieldId('description')}
          error={error('description')}
        />
        <Checkbox.Group
          label={t('plans.measureRisks')}
          description={t('plans.measureRisksHint')}
          required
          value={measure.riskIds}
          onChange={(value) => onChange({ riskIds: value })}
          id={fieldId('riskIds')}
          error={error('riskIds')}
        >
          {risks.length === 0 ? (
            <Text mt="xs">{t('plans.measureRisksNone')}</Text>
          ) : (
            <Stack gap="xs" mt="xs">
              {risks.map((risk) => (
                <Checkbox key={risk.id} value={risk.id} label={riskLabel(t, risk)} />
              ))}
            </Stack>
          )}
        </Checkbox.Group>
        <Textarea
          label={t('plans.justification')}
          description={t('plans.justificationHint')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={measure.justification}
          onChange={(event) => onChange({ justification: event.currentTarget.value })}
          id={fieldId('justification')}
          error={error('justification')}
        />
        <Group justify="flex-end">
          <Button variant="outline" color="red.9" size="xs" onClick={onRemove}>
            {t('plans.measureRemove', { n })}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
