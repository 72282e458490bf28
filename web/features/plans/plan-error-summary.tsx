import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanIssue } from './plan-issues.ts';

/** Focuses a field of the editor by its element id (a group's first control; else the element itself). */
export function focusPlanField(fieldId: string): boolean {
  const element = document.getElementById(fieldId);
  if (!element) return false;
  const focusable = 'input:not([disabled]),textarea:not([disabled]),button:not([disabled]),[tabindex="0"]';
  const target = element.matches(focusable) ? element : element.querySelector<HTMLElement>(focusable);
  if (target) {
    target.focus();
    return true;
  }
  element.tabIndex = -1;
  element.focus();
  return true;
}

/** The form's problems, each a link to its field, at the top of the editor. */
export function PlanErrorSummary({ issues }: { issues: PlanIssue[] }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <Alert color="red" role="alert" title={t('planEditor.summaryTitle')} data-testid="plan-error-summary">
      <Text mb="xs">{t('planEditor.summaryIntro', { count: issues.length })}</Text>
      <List spacing={4}>
        {issues.map((issue) => (
          <List.Item key={issue.path}>
            <Anchor
              href={`#${issue.fieldId}`}
              c="red.9"
              underline="always"
              onClick={(event) => {
                if (focusPlanField(issue.fieldId)) event.preventDefault();
              }}
            >
              {issue.text}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
