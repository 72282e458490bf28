import { Anchor, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TPlan } from '../../../common/api/plans.ts';
import { formatDateTime } from '../../../common/format.ts';
import { PinStatus } from '../../components/pin-status.tsx';
import { NoteAlert } from '../../components/note-alert.tsx';
import { hoursSince, waitedLabel } from './plan-labels.ts';
import { PlanStatusBadge } from './plan-status.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** The facts at the top of a plan: student, class, school, semester, status with level and waiting time. */
export function PlanHeader({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const waited = plan.status === 'in_approval' ? hoursSince(plan.waitingSince) : null;
  return (
    <Group component="dl" gap="xl" m={0} align="flex-start" wrap="wrap">
      <Fact label={t('plans.student')}>
        <Anchor component={Link} to={`/students/${plan.studentId}?tab=plans`}>
          {plan.studentName}
        </Anchor>
      </Fact>
      <Fact label={t('plans.classLabel')}>{plan.classLabel}</Fact>
      <Fact label={t('plans.school')}>{plan.schoolName}</Fact>
      <Fact label={t('plans.semester')}>{plan.semesterLabel}</Fact>
      <Fact label={t('plans.status')}>
        <PlanStatusBadge status={plan.status} level={plan.approvalLevel} />
        {waited !== null && (
          <Text span ml="xs">
            {t('plans.waiting', { time: waitedLabel(t, waited) })}
          </Text>
        )}
      </Fact>
      <Fact label={t('plans.preparer')}>{plan.preparerName ?? t('common.none')}</Fact>
      <Fact label={t('pins.column')}>
        <PinStatus hasPin={plan.pin.hasPin} setters={plan.pin.setters} />
      </Fact>
    </Group>
  );
}

/** The approvers' comment when the plan was returned for changes, with who returned it and when. */
export function ReturnCommentAlert({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  if (plan.returnComment === null) return null;
  const event = [...plan.history].reverse().find((e) => e.action === 'return');
  const by = event
    ? t('plans.returnedBy', {
        name: event.actorName ?? t('plans.someone'),
        level: event.level ? t(`plans.levels.${event.level}`) : t('common.none'),
        at: formatDateTime(event.at),
      })
    : null;
  const measureComments = event?.measureComments.length ?? 0;
  return (
    <NoteAlert color="orange" title={t('plans.returnedTitle')} mt="lg">
      {by && (
        <Text size="sm" mb="xs">
          {by}
        </Text>
      )}
      <Text style={{ whiteSpace: 'pre-wrap' }}>{plan.returnComment}</Text>
      {measureComments > 0 && (
        <Text size="sm" mt="xs" fw={700}>
          {t('plans.returnedMeasureComments', { count: measureComments })}
        </Text>
      )}
    </NoteAlert>
  );
}

/** Why a paused plan is paused. */
export function PausedAlert({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  if (plan.status !== 'paused' || !plan.pausedReason) return null;
  return (
    <NoteAlert color="orange" title={t('plans.pausedTitle')} mt="lg">
      {plan.pausedReason}
    </NoteAlert>
  );
}
