import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let isFirstPage = true;

/**
 * The page's one `<h1>`. It also sets the document title and, after an in-app navigation,
 * takes focus so screen-reader users hear that the page changed.
 */
export function PageHeading({ children }: { children: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${children} — ${t('app.name')}`;
  }, [children, t]);

  useEffect(() => {
    if (isFirstPage) {
      isFirstPage = false;
      return;
    }
    ref.current?.focus();
  }, []);

  return (
    <Title order={1} ref={ref} tabIndex={-1} mb="md">
      {children}
    </Title>
  );
}
