import { Button, Group, Paper, Select, Stack, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_TYPES, type TRiskItem } from '../../../common/api/risks.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { todayIso } from '../students/student-labels.ts';
import { riskItemName } from './risk-labels.ts';
import { SemesterSelect } from './semester-select.tsx';
import { useRecordRisk } from './use-risks.ts';

type Props = {
  studentId: string;
  catalogue: TRiskItem[];
  semesterId: string | null;
  onSemesterChange: (semesterId: string) => void;
  onRecorded: (name: string) => void;
};

/** The catalogue's items in use, grouped under the four risk types, for a select. */
function riskOptions(t: (key: string) => string, catalogue: TRiskItem[]) {
  const language = currentLanguage();
  return RISK_TYPES.map((type) => ({
    group: t(`riskCatalogue.types.${type}`),
    items: catalogue
      .filter((item) => item.riskType === type && !item.retired)
      .map((item) => ({ value: item.id, label: `${item.code} ${riskItemName(item, language)}` })),
  })).filter((group) => group.items.length > 0);
}

/** Records one risk found for the student in a semester: which, why, and when it was found. */
export function RiskRecordForm({ studentId, catalogue, semesterId, onSemesterChange, onRecorded }: Props) {
  const { t } = useTranslation();
  const record = useRecordRisk(studentId);
  const [riskItemId, setRiskItemId] = useState<string | null>(null);
  const [justification, setJustification] = useState('');
  const [foundOn, setFoundOn] = useState<string | null>(todayIso());
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(record.error), ...clientErrors };

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!riskItemId) missing.riskItemId = t('errors.required');
    if (justification.trim() === '') missing.justification = t('errors.required');
    if (!foundOn) missing.foundOn = t('errors.required');
    setClientErrors(missing);
    if (Object.keys(missing).length > 0 || !riskItemId || !foundOn || !semesterId) return;
    const item = catalogue.find((each) => each.id === riskItemId);
    record.mutate(
      { semesterId, riskItemId, justification: justification.trim(), foundOn },
      {
        onSuccess: () => {
          onRecorded(item ? `${item.code} ${riskItemName(item, currentLanguage())}` : '');
          setRiskItemId(null);
          setJustification('');
        },
      },
    );
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="risk-record-title" mb="lg">
      <Title order={2} size="h3" id="risk-record-title" mb="sm">
        {t('risks.recordTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={720}>
          <ErrorAlert error={record.error} />
          <SemesterSelect value={semesterId} onChange={onSemesterChange} />
          <Select
            label={t('risks.risk')}
            description={t('risks.riskHint')}
            required
            searchable
            data={riskOptions(t, catalogue)}
            value={riskItemId}
            onChange={(value) => {
              setRiskItemId(value);
              record.reset();
            }}
            error={errors.riskItemId}
            nothingFoundMessage={t('risks.noRiskMatch')}
            maxDropdownHeight={360}
          />
          <Textarea
            label={t('risks.justification')}
            description={t('risks.justificationHint')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={justification}
            onChange={(event) => setJustification(event.currentTarget.value)}
            error={errors.justification}
          />
          <DateField
            label={t('risks.foundOn')}
            required
            maxDate={todayIso()}
            value={foundOn}
            onChange={setFoundOn}
            error={errors.foundOn}
          />
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('risks.recordSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
