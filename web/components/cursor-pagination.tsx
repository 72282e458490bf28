import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The cursors of the pages before the current one (a stack: "next" pushes the page's `nextCursor`,
 * "previous" pops). A change of `resetKey` (filters, sort) starts again at the first page.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: string[] }>({ key: resetKey, stack: [] });
  const stack = state.key === resetKey ? state.stack : [];
  return {
    /** The cursor of the page shown, null on the first page (part of the query key). */
    cursor: stack.at(-1) ?? null,
    /** The page shown, 0 for the first. */
    index: stack.length,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

type Props = {
  pages: CursorPages;
  pageSize: number;
  /** Rows on the page shown, all rows of the list, and the cursor after the page (null on the last). */
  shown: number;
  total: number;
  /** The list counts up to a cap: it holds more than `total` rows. */
  totalAtLeast?: boolean;
  nextCursor: string | null;
};

/** "Showing 51–100 of 700" with previous/next page buttons (plain buttons: Tab and Enter work). */
export function CursorPagination({ pages, pageSize, shown, total, totalAtLeast, nextCursor }: Props) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const from = pages.index * pageSize + 1;
  const to = totalAtLeast ? from + shown - 1 : Math.min(total, from + shown - 1);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text>{t(totalAtLeast ? 'common.showingMoreThan' : 'common.showing', { from, to, total })}</Text>
      {(pages.index > 0 || nextCursor) && (
        <nav aria-label={t('pagination.label')}>
          <Group gap="xs">
            <Button variant="default" disabled={pages.index === 0} onClick={pages.previous}>
              {t('pagination.previous')}
            </Button>
            <Button
              variant="default"
              disabled={!nextCursor}
              onClick={() => nextCursor && pages.next(nextCursor)}
            >
              {t('pagination.next')}
            </Button>
          </Group>
        </nav>
      )}
    </Group>
  );
}
