import { Button, Code, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterKind, TLetterTemplate } from '../../../common/api/letters.ts';
import { formatDateTime } from '../../../common/format.ts';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useLetterTemplates, usePreviewTemplate, useSaveTemplate } from './use-letters.ts';

const keyOf = (t: { kind: string; language: string }) => `${t.kind}:${t.language}`;

/**
 * "Vēstuļu veidnes" (national admin): the text of each kind of letter in each language, with the
 * placeholders it may use, a preview filled with sample data, and saving as a new version.
 */
export function LetterTemplatesPage() {
  const { t } = useTranslation();
  const templates = useLetterTemplates();
  const [selected, setSelected] = useState('plan_summary:lv');

  return (
    <>
      <PageHeading>{t('letterTemplates.title')}</PageHeading>
      <Text mb="md" maw={860}>
        {t('letterTemplates.intro', { example: '{{studentName}}', interpolation: { escapeValue: false } })}
      </Text>
      {templates.isPending && <LoadingState />}
      {templates.isError && <LoadError error={templates.error} onRetry={() => void templates.refetch()} />}
      {templates.data && (
        <Stack gap="lg">
          <Select
            label={t('letterTemplates.choose')}
            maw={560}
            data={templates.data.items.map((tpl) => ({
              value: keyOf(tpl),
              label: `${t(`letters.kinds.${tpl.kind}`)} – ${t(`letters.languages.${tpl.language}`)}`,
            }))}
            value={selected}
            onChange={(v) => v && setSelected(v)}
            allowDeselect={false}
          />
          {templates.data.items
            .filter((tpl) => keyOf(tpl) === selected)
            .map((tpl) => (
              <TemplateEditor key={`${keyOf(tpl)}:${tpl.version}`} template={tpl} />
            ))}
        </Stack>
      )}
    </>
  );
}

function TemplateEditor({ template }: { template: TLetterTemplate }) {
  const { t } = useTranslation();
  const save = useSaveTemplate();
  const preview = usePreviewTemplate();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const key = { kind: template.kind as LetterKind, language: template.language };

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    save.mutate(
      { ...key, subject, body },
      {
        onSuccess: () => setMessage(t('letterTemplates.saved')),
        onError: (e) => setErrors(fieldErrorsFrom(e)),
      },
    );
  }
  function showPreview() {
    setErrors({});
    preview.mutate({ ...key, subject, body }, { onError: (e) => setErrors(fieldErrorsFrom(e)) });
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="template-title">
      <Title order={2} size="h3" id="template-title" mb="xs">
        {t(`letters.kinds.${template.kind}`)} – {t(`letters.languages.${template.language}`)}
      </Title>
      <Text size="sm" mb="md">
        {t('letterTemplates.version', {
          version: template.version,
          at: formatDateTime(template.updatedAt),
          by: template.updatedByName ?? t('letterTemplates.seeded'),
        })}
      </Text>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('letterTemplates.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            error={errors.subject}
            required
          />
          <Textarea
            label={t('letterTemplates.body')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors.body}
            autosize
            minRows={12}
            required
          />
          <Group gap={6} wrap="wrap" align="center">
            <Text size="sm" component="span">
              {t('letterTemplates.placeholders')}
            </Text>
            {template.placeholders.map((p) => (
              <Code key={p}>{`{{${p}}}`}</Code>
            ))}
          </Group>
          <ErrorAlert error={save.error ?? preview.error} />
          <StatusMessage message={message} />
          <Group>
            <Button type="button" variant="outline" onClick={showPreview} loading={preview.isPending}>
              {t('letterTemplates.preview')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('letterTemplates.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {preview.data && (
        <Paper withBorder p="md" mt="lg" component="section" aria-labelledby="template-preview-title">
          <Title order={3} size="h4" id="template-preview-title" mb="sm">
            {t('letterTemplates.previewTitle')}
          </Title>
          <Text fw={700} mb="sm">
            {preview.data.subject}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{preview.data.body}</Text>
        </Paper>
      )}
    </Paper>
  );
}
