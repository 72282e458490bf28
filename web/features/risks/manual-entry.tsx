import {
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { api } from '../../lib/api.ts';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { todayIso } from '../students/student-labels.ts';

type Kind = 'attendance' | 'marks' | 'behaviour';
type Entry = ReturnType<typeof useEnterRecord>;

const MARKS = ['10', '9', '8', '7', '6', '5', '4', '3', '2', '1', 'nv', 'ns'];

/** Saves one hand-entered record and refreshes the student's indicators, charts and the watch list. */
function useEnterRecord(studentId: string, kind: Kind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<{ ok: true }>(`/api/students/${encodeURIComponent(studentId)}/${kind}`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['indicators', 'student', studentId] });
      await client.invalidateQueries({ queryKey: ['indicators', 'charts', studentId] });
      await client.invalidateQueries({ queryKey: ['watch-list'] });
    },
  });
}

/** The common frame of the three forms: date, the form's own fields, server errors and the button. */
function EntryForm(props: {
  entry: Entry;
  onDate: string | null;
  setOnDate: (value: string | null) => void;
  errors: FieldErrors;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { entry, errors } = props;
  function submit(event: FormEvent) {
    event.preventDefault();
    props.onSubmit();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={560}>
        {Object.keys(fieldErrorsFrom(entry.error)).length === 0 && <ErrorAlert error={entry.error} />}
        <DateField
          label={t('manualEntry.date')}
          required
          maxDate={todayIso()}
          value={props.onDate}
          onChange={props.setOnDate}
          error={errors.onDate}
        />
        {props.children}
        <Group>
          <Button type="submit" loading={entry.isPending}>
            {t('manualEntry.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Keeps the date and the field errors (the client's checks first, then the server's). */
function useFormState(entry: Entry) {
  const [onDate, setOnDate] = useState<string | null>(todayIso());
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(entry.error), ...clientErrors };
  return { onDate, setOnDate, errors, setClientErrors };
}

function AbsenceForm({ entry, onSaved }: { entry: Entry; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useFormState(entry);
  const [lessonNo, setLessonNo] = useState<number | string>(0);
  const [lessons, setLessons] = useState<number | string>(1);
  const [subject, setSubject] = useState('');
  const [reason, setReason] = useState('unjustified');
  const wholeDay = Number(lessonNo) === 0;

  function submit() {
    const missing: FieldErrors = {};
    if (!form.onDate) missing.onDate = t('errors.required');
    form.setClientErrors(missing);
    if (!form.onDate) return;
    entry.mutate(
      {
        onDate: form.onDate,
        lessonNo: Number(lessonNo) || 0,
        lessons: wholeDay ? Number(lessons) || 1 : 1,
        subject: subject.trim() === '' ? null : subject.trim(),
        reason,
      },
      { onSuccess: onSaved },
    );
  }

  return (
    <EntryForm entry={entry} {...form} onSubmit={submit}>
      <NumberInput
        label={t('manualEntry.lessonNo')}
        description={`0 — ${t('manualEntry.wholeDay')}`}
        min={0}
        max={12}
        allowDecimal={false}
        allowNegative={false}
        value={lessonNo}
        onChange={setLessonNo}
        error={form.errors.lessonNo}
      />
      {wholeDay && (
        <NumberInput
          label={t('manualEntry.lessons')}
          min={1}
          max={12}
          allowDecimal={false}
          allowNegative={false}
          value={lessons}
          onChange={setLessons}
          error={form.errors.lessons}
        />
      )}
      <TextInput
        label={t('manualEntry.subject')}
        description={t('manualEntry.optional')}
        maxLength={80}
        value={subject}
        onChange={(event) => setSubject(event.currentTarget.value)}
        error={form.errors.subject}
      />
      <Radio.Group
        label={t('manualEntry.reason')}
        value={reason}
        onChange={setReason}
        error={form.errors.reason}
      >
        <Group mt="xs">
          {(['unjustified', 'justified', 'other'] as const).map((value) => (
            <Radio key={value} value={value} label={t(`manualEntry.reasons.${value}`)} />
          ))}
        </Group>
      </Radio.Group>
    </EntryForm>
  );
}

function MarkForm({ entry, onSaved }: { entry: Entry; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useFormState(entry);
  const [subject, setSubject] = useState('');
  const [mark, setMark] = useState<string | null>(null);

  function submit() {
    const missing: FieldErrors = {};
    if (!form.onDate) missing.onDate = t('errors.required');
    if (subject.trim() === '') missing.subject = t('errors.required');
    if (!mark) missing.mark = t('errors.required');
    form.setClientErrors(missing);
    if (!form.onDate || !mark || Object.keys(missing).length > 0) return;
    entry.mutate({ onDate: form.onDate, subject: subject.trim(), mark }, { onSuccess: onSaved });
  }

  return (
    <EntryForm entry={entry} {...form} onSubmit={submit}>
      <TextInput
        label={t('manualEntry.subject')}
        required
        maxLength={80}
        value={subject}
        onChange={(event) => setSubject(event.currentTarget.value)}
        error={form.errors.subject}
      />
      <Select
        label={t('manualEntry.markValue')}
        description={t('manualEntry.markHint')}
        required
        data={MARKS}
        value={mark}
        onChange={setMark}
        error={form.errors.mark}
      />
    </EntryForm>
  );
}

function BehaviourForm({ entry, onSaved }: { entry: Entry; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useFormState(entry);
  const [kind, setKind] = useState('negative');
  const [note, setNote] = useState('');

  function submit() {
    const missing: FieldErrors = {};
    if (!form.onDate) missing.onDate = t('errors.required');
    if (note.trim() === '') missing.note = t('errors.required');
    form.setClientErrors(missing);
    if (!form.onDate || Object.keys(missing).length > 0) return;
    entry.mutate({ onDate: form.onDate, kind, note: note.trim() }, { onSuccess: onSaved });
  }

  return (
    <EntryForm entry={entry} {...form} onSubmit={submit}>
      <Radio.Group label={t('manualEntry.kind')} value={kind} onChange={setKind} error={form.errors.kind}>
        <Group mt="xs">
          {(['negative', 'positive'] as const).map((value) => (
            <Radio key={value} value={value} label={t(`manualEntry.kinds.${value}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Textarea
        label={t('manualEntry.note')}
        required
        autosize
        minRows={3}
        maxLength={1000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={form.errors.note}
      />
    </EntryForm>
  );
}

/**
 * Hand entry of absences, marks and behaviour notes for schools without an e-journal export,
 * shown on the student's "Attendance and marks" tab when the student's `can.enterEjournal` allows.
 */
export function ManualEntry({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('attendance');
  const [saved, setSaved] = useState<string | null>(null);
  const entry = useEnterRecord(studentId, kind);

  const onSaved = () => setSaved(t('manualEntry.saved'));
  function choose(value: string) {
    setKind(value as Kind);
    setSaved(null);
    entry.reset();
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="manual-entry-title" mb="lg">
      <Title order={2} size="h3" id="manual-entry-title" mb="xs">
        {t('manualEntry.title')}
      </Title>
      <Text mb="sm">{t('manualEntry.intro')}</Text>
      <SegmentedControl
        aria-label={t('manualEntry.kindChoice')}
        value={kind}
        onChange={choose}
        mb="md"
        data={[
          { value: 'attendance', label: t('manualEntry.absence') },
          { value: 'marks', label: t('manualEntry.mark') },
          { value: 'behaviour', label: t('manualEntry.behaviour') },
        ]}
      />
      <StatusMessage message={saved} />
      {kind === 'attendance' && <AbsenceForm key="attendance" entry={entry} onSaved={onSaved} />}
      {kind === 'marks' && <MarkForm key="marks" entry={entry} onSaved={onSaved} />}
      {kind === 'behaviour' && <BehaviourForm key="behaviour" entry={entry} onSaved={onSaved} />}
    </Paper>
  );
}
