import { Anchor, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ApiError } from '../../lib/api.ts';
import { PlanPayments } from '../budgets/plan-payments.tsx';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { PlanProgress } from '../support/plan-progress.tsx';
import { PlanActions } from './plan-actions.tsx';
import { PlanDiff } from './plan-diff.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { PlanEvaluationView } from './plan-evaluation-view.tsx';
import { PausedAlert, PlanHeader, ReturnCommentAlert } from './plan-header.tsx';
import { PlanHistory } from './plan-history.tsx';
import { PlanSignedFiles } from './plan-signed-files.tsx';
import { PlanView } from './plan-view.tsx';
import { usePlan } from './use-plans.ts';

/**
 * One plan: the header, the approvers' return comment, what changed since the return (for approvers
 * of a resubmitted plan), the actions the user may take, the editor or the plan to read, and history.
 */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const plan = usePlan(id);
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [message, setMessage] = useState<string | null>(created ? t('plans.created') : null);
  const [nextPlanId, setNextPlanId] = useState<string | null>(null);

  if (plan.isPending) return <LoadingState />;
  if (plan.isError) {
    if (plan.error instanceof ApiError && plan.error.status === 404) return <NotFoundPage />;
    return <LoadError error={plan.error} onRetry={() => void plan.refetch()} />;
  }
  const data = plan.data;
  const editable = data.can.edit;
  const resubmitted = data.status === 'in_approval' && data.history.some((e) => e.action === 'return');
  const approver = data.can.approve || data.can.return;

  return (
    <>
      <Anchor component={Link} to="/plans" mb="sm" display="inline-block">
        {t('plans.backToList')}
      </Anchor>
      <PageHeading>{t('plans.planTitle', { code: data.code })}</PageHeading>
      <PlanHeader plan={data} />
      <ReturnCommentAlert plan={data} />
      <PausedAlert plan={data} />
      <Stack gap="xl" mt="lg">
        <div>
          <StatusMessage message={message} />
          {nextPlanId && (
            <Anchor component={Link} to={`/plans/${nextPlanId}`} onClick={() => setNextPlanId(null)}>
              {t('plans.openNextPlan')}
            </Anchor>
          )}
        </div>
        {resubmitted && approver && <PlanDiff plan={data} />}
        <PlanActions
          plan={data}
          onDone={(text, next) => {
            setMessage(text);
            setNextPlanId(next ?? null);
          }}
        />
        {editable ? (
          <PlanEditor key={`${data.id}-${data.status}`} plan={data} onMessage={setMessage} />
        ) : (
          <PlanView plan={data} />
        )}
        <PlanProgress plan={data} />
        <PlanPayments plan={data} />
        <PlanEvaluationView plan={data} />
        {data.status !== 'draft' && <PlanSignedFiles plan={data} />}
        <PlanHistory plan={data} />
      </Stack>
    </>
  );
}
