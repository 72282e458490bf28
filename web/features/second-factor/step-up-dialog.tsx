import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TMe } from '../../../common/api/auth.ts';
import type { TSecondFactorStatus } from '../../../common/api/second-factor.ts';
import { downloadNeedsStepUp } from '../../../common/step-up-routes.ts';
import { errorMessage } from '../../components/feedback.tsx';
import { api } from '../../lib/api.ts';
import { ME_KEY } from '../../lib/query-client.ts';
import { CodeInput } from './code-input.tsx';
import { registerStepUpHandler } from './step-up-hook.ts';

/**
 * Download links of the API that the server answers only after a step-up (bulk exports, the subject
 * export, an import's error rows: common/step-up-routes.ts): a click checks the step-up first. Other
 * downloads (a plan's PDF, a letter) are followed as they are.
 */
function stepUpDownloadOf(target: EventTarget | null): HTMLAnchorElement | null {
  const a = target instanceof Element ? target.closest('a') : null;
  if (!a || a.dataset.steppedUp === 'yes') return null;
  const href = a.getAttribute('href') ?? '';
  return href.startsWith('/api/') && downloadNeedsStepUp(href) ? a : null;
}

/** Follows a download link without passing through the check again. */
function followDownload(a: HTMLAnchorElement): void {
  const copy = a.cloneNode(false) as HTMLAnchorElement;
  copy.dataset.steppedUp = 'yes';
  copy.style.display = 'none';
  document.body.appendChild(copy);
  copy.click();
  copy.remove();
}

/**
 * The step-up dialog (issue 16): opened by the API client on 403 `step_up_required` (the action
 * is then sent again) and before a link to a download that needs it is followed when the session is
 * not stepped up.
 * It asks for the code again, or the password of a user without a second factor.
 */
export function StepUpDialog() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const waiting = useRef<((ok: boolean) => void)[]>([]);
  const me = client.getQueryData<TMe | null>(ME_KEY);
  const withCode = me?.secondFactor.enabled ?? false;

  useEffect(() => {
    const ask = () =>
      new Promise<boolean>((resolve) => {
        waiting.current.push(resolve);
        setValue('');
        setError(null);
        setOpen(true);
      });
    const unregister = registerStepUpHandler(ask);
    const onClick = (event: MouseEvent) => {
      const a = stepUpDownloadOf(event.target);
      if (!a || event.defaultPrevented) return;
      event.preventDefault();
      void (async () => {
        const status = await api.get<TSecondFactorStatus>('/api/auth/second-factor').catch(() => null);
        const left = status?.stepUpUntil
          ? new Date(status.stepUpUntil).getTime() - new Date(status.serverTime).getTime()
          : 0;
        if (left > 5_000 || (await ask())) followDownload(a);
      })();
    };
    document.addEventListener('click', onClick);
    return () => {
      unregister();
      document.removeEventListener('click', onClick);
    };
  }, []);

  function settle(ok: boolean) {
    setOpen(false);
    for (const resolve of waiting.current.splice(0)) resolve(ok);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value.trim()) {
      setError(t('errors.required'));
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/auth/step-up', withCode ? { code: value.trim() } : { password: value });
      void client.invalidateQueries({ queryKey: ME_KEY });
      settle(true);
    } catch (failure) {
      setError(errorMessage(failure, t('errors.unexpected')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={open}
      onClose={() => settle(false)}
      title={t('secondFactor.stepUpTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{withCode ? t('secondFactor.stepUpIntroCode') : t('secondFactor.stepUpIntroPassword')}</Text>
          {withCode ? (
            <CodeInput value={value} onChange={setValue} error={error} allowRecovery autoFocus />
          ) : (
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              // biome-ignore lint/a11y/noAutofocus: the dialog has this one field
              autoFocus
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
              error={error ?? undefined}
              visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => settle(false)}>
              {t('secondFactor.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('secondFactor.stepUpConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
