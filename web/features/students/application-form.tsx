import { Button, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPLICATION_SCOPES,
  type TApplicationBody,
  type TStudentDetail,
} from '../../../common/api/students.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { todayIso } from './student-labels.ts';
import { useAddApplication } from './use-consent.ts';

type Signer = TApplicationBody['signerType'];

/**
 * Records a signed application: a guardian signs for a minor (chosen among the student's guardians);
 * a student of 18 or over may sign for themselves.
 */
export function ApplicationForm({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const add = useAddApplication(student.id);
  const [signerType, setSignerType] = useState<Signer>('guardian');
  const [guardianId, setGuardianId] = useState<string | null>(
    student.guardians.length === 1 ? student.guardians[0].id : null,
  );
  const [signedOn, setSignedOn] = useState<string | null>(todayIso());
  const [scope, setScope] = useState<string>('participation_and_data');
  const [documentRef, setDocumentRef] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const errors = { ...fieldErrorsFrom(add.error), ...clientErrors };
  const noGuardians = signerType === 'guardian' && student.guardians.length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const problems: FieldErrors = {};
    if (!signedOn) problems.signedOn = t('errors.required');
    else if (signedOn > todayIso()) problems.signedOn = t('applications.dateInFuture');
    if (signerType === 'guardian' && !guardianId) problems.guardianId = t('errors.required');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0 || !signedOn) return;
    add.mutate(
      {
        signedOn,
        signerType,
        guardianId: signerType === 'guardian' ? guardianId : null,
        scope: scope as TApplicationBody['scope'],
        documentRef: documentRef.trim() || null,
      },
      {
        onSuccess: () => {
          setDocumentRef('');
          setMessage(t('applications.added'));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={760}>
        <StatusMessage message={message} />
        <ErrorAlert error={add.error} />
        {student.isAdult ? (
          <Radio.Group
            label={t('applications.signer')}
            required
            value={signerType}
            onChange={(value) => setSignerType(value as Signer)}
            error={errors.signerType}
          >
            <Group mt="xs">
              <Radio value="guardian" label={t('applications.signerGuardian')} />
              <Radio value="student" label={t('applications.signerStudentSelf')} />
            </Group>
          </Radio.Group>
        ) : (
          <Text>{t('applications.minorNote')}</Text>
        )}
        {signerType === 'guardian' &&
          (noGuardians ? (
            <Text fw={700}>{t('applications.addGuardianFirst')}</Text>
          ) : (
            <Select
              label={t('applications.guardian')}
              required
              data={student.guardians.map((guardian) => ({
                value: guardian.id,
                label: `${guardian.firstName} ${guardian.lastName} (${t(`guardianRelations.${guardian.relation}`)})`,
              }))}
              value={guardianId}
              onChange={setGuardianId}
              error={errors.guardianId}
            />
          ))}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField
            label={t('applications.signedOn')}
            required
            maxDate={todayIso()}
            value={signedOn}
            onChange={setSignedOn}
            error={errors.signedOn}
          />
          <Select
            label={t('applications.scope')}
            required
            allowDeselect={false}
            data={APPLICATION_SCOPES.map((value) => ({ value, label: t(`applicationScopes.${value}`) }))}
            value={scope}
            onChange={(value) => value && setScope(value)}
            error={errors.scope}
          />
        </SimpleGrid>
        <TextInput
          label={t('applications.documentRef')}
          description={t('applications.documentRefHint')}
          maxLength={100}
          value={documentRef}
          onChange={(event) => setDocumentRef(event.currentTarget.value)}
          error={errors.documentRef}
        />
        <Group>
          <Button type="submit" loading={add.isPending} disabled={noGuardians}>
            {t('applications.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
