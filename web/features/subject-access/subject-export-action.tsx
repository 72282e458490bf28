import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/index.ts';

/**
 * "Datu izraksts (VDAR 15. pants)": everything held about the student as JSON or a readable PDF (in
 * the interface's language). Shown only when the student's `can.subjectExport` says the server allows it.
 */
export function SubjectExportAction({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const base = `/api/students/${encodeURIComponent(studentId)}/subject-export`;
  return (
    <Group gap="xs" mt="sm" role="group" aria-labelledby="subject-export-label">
      <Text id="subject-export-label" fw={500} size="sm">
        {t('subjectAccess.action')}
      </Text>
      <Button
        component="a"
        href={`${base}?format=json`}
        download
        variant="outline"
        size="xs"
        aria-label={t('subjectAccess.downloadJson')}
      >
        JSON
      </Button>
      <Button
        component="a"
        href={`${base}?format=pdf&language=${currentLanguage()}`}
        download
        variant="outline"
        size="xs"
        aria-label={t('subjectAccess.downloadPdf')}
      >
        PDF
      </Button>
      <Text size="xs" c="dimmed">
        {t('subjectAccess.hint')}
      </Text>
    </Group>
  );
}
