import { Anchor, Button, Group, Modal, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TPlan } from '../../../common/api/plans.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PlanEvaluateModal } from './plan-evaluate-modal.tsx';
import { PlanPauseModal } from './plan-pause-modal.tsx';
import { PlanReturnModal } from './plan-return-modal.tsx';
import { type SimplePlanAction, useSimplePlanAction } from './use-plans.ts';

type Confirmable = Exclude<SimplePlanAction, 'submit'>;
const CONFIRMED: Confirmable[] = ['approve', 'start', 'resume', 'revise', 'close', 'delete'];
type Props = { plan: TPlan; onDone: (message: string, nextPlanId?: string | null) => void };

/**
 * The buttons for what the user may do with the plan now (exactly the server's `can`), each with
 * its dialog: return with comments, pause with a reason, the evaluation, or a confirmation. Also the
 * PDF in Latvian and English.
 */
export function PlanActions({ plan, onDone }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const action = useSimplePlanAction(plan.id);
  const [dialog, setDialog] = useState<'return' | 'pause' | 'evaluate' | Confirmable | null>(null);
  const can = plan.can;
  const confirmable = CONFIRMED.find((a) => a === dialog) ?? null;

  function run(name: SimplePlanAction) {
    action.mutate(name, {
      onSuccess: () => {
        setDialog(null);
        if (name === 'delete') navigate(`/students/${plan.studentId}?tab=plans`, { replace: true });
        else onDone(t(`plans.done.${name}`));
      },
    });
  }

  function open(next: typeof dialog) {
    action.reset();
    setDialog(next);
  }

  const pdf = (lang: 'lv' | 'en') => `/api/plans/${encodeURIComponent(plan.id)}/pdf?lang=${lang}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-actions-title">
      <Text id="plan-actions-title" fw={700} mb="xs">
        {t('plans.actionsTitle')}
      </Text>
      {!dialog && <ErrorAlert error={action.error} />}
      <Group gap="sm" wrap="wrap">
        {can.approve && (
          <Button color="teal.9" onClick={() => open('approve')}>
            {t('plans.actions.approve')}
          </Button>
        )}
        {can.return && (
          <Button color="red.9" variant="outline" onClick={() => open('return')}>
            {t('plans.actions.return')}
          </Button>
        )}
        {can.start && <Button onClick={() => open('start')}>{t('plans.actions.start')}</Button>}
        {can.resume && <Button onClick={() => open('resume')}>{t('plans.actions.resume')}</Button>}
        {can.evaluate && <Button onClick={() => open('evaluate')}>{t('plans.actions.evaluate')}</Button>}
        {can.close && <Button onClick={() => open('close')}>{t('plans.actions.close')}</Button>}
        {can.revise && (
          <Button variant="default" onClick={() => open('revise')}>
            {t('plans.actions.revise')}
          </Button>
        )}
        {can.pause && (
          <Button variant="default" onClick={() => open('pause')}>
            {t('plans.actions.pause')}
          </Button>
        )}
        {can.delete && (
          <Button variant="outline" color="red.9" onClick={() => open('delete')}>
            {t('plans.actions.delete')}
          </Button>
        )}
        <Anchor href={pdf('lv')} download>
          {t('plans.pdfLv')}
        </Anchor>
        <Anchor href={pdf('en')} download>
          {t('plans.pdfEn')}
        </Anchor>
      </Group>
      <PlanReturnModal
        plan={plan}
        opened={dialog === 'return'}
        onClose={(done) => {
          setDialog(null);
          if (done) onDone(t('plans.done.return'));
        }}
      />
      <PlanPauseModal
        plan={plan}
        opened={dialog === 'pause'}
        onClose={(done) => {
          setDialog(null);
          if (done) onDone(t('plans.done.pause'));
        }}
      />
      {can.evaluate && (
        <PlanEvaluateModal
          plan={plan}
          opened={dialog === 'evaluate'}
          onClose={(done, nextPlanId) => {
            setDialog(null);
            if (done) onDone(t(nextPlanId ? 'plans.done.evaluateNext' : 'plans.done.evaluate'), nextPlanId);
          }}
        />
      )}
      <Modal
        opened={confirmable !== null}
        onClose={() => setDialog(null)}
        title={confirmable ? t(`plans.confirm.${confirmable}.title`, { code: plan.code }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text mb="lg">
          {confirmable
            ? t(`plans.confirm.${confirmable}.text`, {
                // Approving names whom it is for, so a wrong plan is caught before it moves on.
                name: plan.studentName,
                class: plan.classLabel,
                level: plan.approvalLevel ? t(`plans.levels.${plan.approvalLevel}`) : '',
              })
            : ''}
        </Text>
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDialog(null)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color={confirmable === 'delete' ? 'red.9' : undefined}
            loading={action.isPending}
            onClick={() => confirmable && run(confirmable)}
          >
            {confirmable ? t(`plans.actions.${confirmable}`) : ''}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
