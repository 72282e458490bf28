import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import './global.css';
import 'dayjs/locale/lv';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClientProvider } from '@tanstack/react-query';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import './i18n/index.ts';
import { queryClient } from './lib/query-client.ts';
import { router } from './routes.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

dayjs.extend(customParseFormat);

/** Calendars follow the interface language; weeks start on Monday in both. */
function LocalisedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en' : 'lv';
  return <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

/** The whole client: theme, translations, server cache and routes. */
export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <LocalisedDates>
          <RouterProvider router={router} />
        </LocalisedDates>
      </QueryClientProvider>
    </MantineProvider>
  );
}
