import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApprovalLevel, PlanStatus } from '../../../common/api/plans.ts';
import { statusLabel } from './plan-labels.ts';

const COLOURS: Record<PlanStatus, string> = {
  draft: 'gray.8',
  in_approval: 'blue.9',
  approved: 'teal.9',
  in_progress: 'indigo.9',
  paused: 'grape.9',
  under_revision: 'violet.9',
  evaluated: 'cyan.9',
  closed: 'dark.6',
  deleted: 'red.9',
};

/** The plan's status in words on a badge (the colour only repeats the words). */
export function PlanStatusBadge({ status, level }: { status: PlanStatus; level: ApprovalLevel | null }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="filled" tt="none" size="lg" style={{ whiteSpace: 'normal' }}>
      {statusLabel(t, status, level)}
    </Badge>
  );
}
