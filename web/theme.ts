import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Mantine's default blue (shade 6) on white is 3.6:1 and fails WCAG AA; shade 8 (#1971c2) is 5.0:1
 * with white text, and the light variants use shade 9 text. Checked with the WCAG luminance formula.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  focusRing: 'auto',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  colors: {
    // Mantine's orange 9 (#d9480f) is 4.3:1 on white, 4.1:1 on a striped row: the status text "nav apstiprināts"
    // failed AA. #c2410c is 5.2:1 on white and 4.9:1 on gray 0; shades 0–8 are Mantine's own.
    orange: [
      '#fff4e6',
      '#ffe8cc',
      '#ffd8a8',
      '#ffc078',
      '#ffa94d',
      '#ff922b',
      '#fd7e14',
      '#f76707',
      '#e8590c',
      '#c2410c',
    ],
  },
  components: {
    // Mantine renders a dialog's title bar as <header>, which axe reports as a second banner landmark.
    ModalHeader: { defaultProps: { component: 'div' } },
  },
});

/**
 * Mantine's light-scheme greys and status colours for text are below 4.5:1 on white
 * (gray 6 3.3:1, red 6 3.3:1, teal 8 4.0:1); use the next darker shades that pass.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-success': 'var(--mantine-color-teal-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    // Text of light variants (the active navigation link) on the tinted background: blue 9 keeps ≥ 4.5:1 even on hover.
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
  },
  dark: {},
});
