import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NoteVisibility } from '../../../common/api/notes.ts';

/**
 * Who may read a note, in words; a restricted note also gets a lock, hidden from screen readers
 * because the words already say it.
 */
export function VisibilityBadge({ visibility }: { visibility: NoteVisibility }) {
  const { t } = useTranslation();
  const restricted = visibility !== 'team';
  return (
    <Badge
      variant="outline"
      color={restricted ? 'grape.9' : 'gray.8'}
      radius="sm"
      tt="none"
      leftSection={restricted ? <span aria-hidden="true">🔒</span> : undefined}
    >
      {t(`notes.visibilities.${visibility}`)}
    </Badge>
  );
}
