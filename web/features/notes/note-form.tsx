import { Button, Group, Select, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NOTE_TEXT_MAX,
  NOTE_TYPES,
  NOTE_VISIBILITIES,
  type NoteType,
  type NoteVisibility,
  type TNoteBody,
} from '../../../common/api/notes.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { todayIso } from '../support/support-labels.ts';

type Props = {
  /** The note as it reads now (editing), or nothing for a new note. */
  initial?: TNoteBody;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (body: TNoteBody, done: () => void) => void;
  onCancel?: () => void;
};

/** The fields of a note: the day it happened, its kind, who may read it, and the text. */
export function NoteForm({ initial, saving, error, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(initial?.date ?? todayIso());
  const [type, setType] = useState<NoteType>(initial?.type ?? 'conversation_student');
  const [visibility, setVisibility] = useState<NoteVisibility>(initial?.visibility ?? 'team');
  const [text, setText] = useState(initial?.text ?? '');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const server = fieldErrorsFrom(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!date) problems.date = t('notes.dateRequired');
    if (!text.trim()) problems.text = t('notes.textRequired');
    setMissing(problems);
    if (!date || Object.keys(problems).length > 0) return;
    onSubmit({ date, type, visibility, text }, () => {
      if (!initial) {
        setText('');
        setMissing({});
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={640}>
        <DateField
          label={t('notes.date')}
          value={date}
          onChange={setDate}
          required
          maxDate={todayIso()}
          error={missing.date ?? server.date}
        />
        <Select
          label={t('notes.type')}
          data={NOTE_TYPES.map((v) => ({ value: v, label: t(`notes.types.${v}`) }))}
          value={type}
          onChange={(v) => v && setType(v as NoteType)}
          allowDeselect={false}
          error={server.type}
        />
        <Select
          label={t('notes.visibility')}
          description={t(`notes.visibilityHints.${visibility}`)}
          data={NOTE_VISIBILITIES.map((v) => ({ value: v, label: t(`notes.visibilities.${v}`) }))}
          value={visibility}
          onChange={(v) => v && setVisibility(v as NoteVisibility)}
          allowDeselect={false}
          error={server.visibility}
        />
        <Textarea
          label={t('notes.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          required
          autosize
          minRows={4}
          maxLength={NOTE_TEXT_MAX}
          description={t('notes.textHint', { max: NOTE_TEXT_MAX })}
          error={missing.text ?? server.text}
        />
        <ErrorAlert error={error} />
        <Group>
          <Button type="submit" loading={saving}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
