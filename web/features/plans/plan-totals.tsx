import { Group, Paper, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../common/api/plans.ts';
import { euroLabel, hoursLabel } from './plan-labels.ts';

/** The planned totals: consultation hours, economic support in euros, other measures. */
export function PlanTotals({ totals }: { totals: TPlan['totals'] }) {
  const { t } = useTranslation();
  const items = [
    { label: t('plans.totalHours'), value: hoursLabel(totals.consultationHours) },
    { label: t('plans.totalEuros'), value: euroLabel(totals.economicCents) },
    { label: t('plans.totalOther'), value: String(totals.otherMeasures) },
  ];
  return (
    <div>
      <Text fw={700} mb={4}>
        {t('plans.totalsTitle')}
      </Text>
      <Group component="dl" gap="lg" m={0} wrap="wrap">
        {items.map((item) => (
          <Group key={item.label} gap={6} wrap="nowrap">
            <Text component="dt">{item.label}:</Text>
            <Text component="dd" m={0} fw={700}>
              {item.value}
            </Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}

/** Space kept between a field scrolled into view and the bar, in pixels. */
const CLEARANCE = 8;

/**
 * The bar with the totals and the form's buttons, stuck to the bottom of the window from the `md`
 * breakpoint (992 px) up, where it is one row (below it, where it wraps to two rows or, on a phone, a
 * third of the screen, it stays under the form). It never covers
 * the focused field (WCAG 2.2 SC 2.4.11): the page keeps a bottom scroll padding of the bar's height
 * (measured with a ResizeObserver, as the bar wraps on narrow screens), which the browser applies when
 * it scrolls a focused field into view; and a field that gets the focus under the bar all the same
 * (focus moved without scrolling) is scrolled up above it.
 */
export function PlanTotalsBar({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const bar = ref.current;
    if (!bar) return;
    const root = document.documentElement;
    const before = root.style.scrollPaddingBottom;
    const sticky = () => getComputedStyle(bar).position === 'sticky';
    const fitPadding = () => {
      const height = sticky() ? Math.ceil(bar.getBoundingClientRect().height) + CLEARANCE : 0;
      root.style.scrollPaddingBottom = `${height}px`;
    };
    fitPadding();
    const observer = new ResizeObserver(fitPadding);
    observer.observe(bar);
    const lift = (target: HTMLElement) => {
      if (document.activeElement !== target || !sticky()) return;
      const field = target.getBoundingClientRect();
      const { top, bottom } = bar.getBoundingClientRect();
      if (field.bottom > top - CLEARANCE && field.top < bottom)
        // A field taller than the space above the bar keeps its top in view.
        window.scrollBy({
          top: Math.min(field.bottom - top + CLEARANCE, Math.max(0, field.top - 96)),
          behavior: 'instant',
        });
    };
    const onFocus = (event: FocusEvent) => {
      const target = event.target as HTMLElement | null;
      if (!target || bar.contains(target) || typeof target.getBoundingClientRect !== 'function') return;
      // Now (a field already on screen is not scrolled by the browser) and once more after the
      // browser has scrolled it into view its own way (before the next frame).
      lift(target);
      requestAnimationFrame(() => lift(target));
    };
    document.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocus);
      root.style.scrollPaddingBottom = before;
    };
  }, []);

  return (
    <Paper
      ref={ref}
      withBorder
      shadow="md"
      p="md"
      // On a phone the wrapped bar would take a third of the screen: there it stays below the form.
      pos={{ base: 'static', md: 'sticky' }}
      bottom={0}
      style={{ zIndex: 5 }}
      component="section"
      aria-label={label}
      data-testid="plan-totals-bar"
    >
      {children}
    </Paper>
  );
}
