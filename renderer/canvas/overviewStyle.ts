/**
 * How the overview canvas looks (overviewDraw.ts): the theme's colours
 * (app/theme.css; a canvas cannot read CSS variables cheaply) and sizes.
 * Apart from the drawing code so tests can compute expected pixels.
 */
export const OVERVIEW_COLORS = {
  body: '#1a1d23',
  border: '#30353f',
  text: '#dfe3ea',
  selected: '#dfe3ea',
  running: '#6ea8fe',
  error: '#f07178',
  errorBody: '#3a2226',
} as const;

/** The header band of a node, flow units: the height frame.ts estimates sizes with. */
export { HEADER as HEADER_HEIGHT } from './frame.ts';
/** The header is the node's colour at this opacity over the body (as theme.css's overview header). */
export const HEADER_OPACITY = 0.55;
/** Titles are drawn on boxes at least this wide on screen, at this size (CSS pixels). */
export const TITLE_MIN_WIDTH = 56;
export const TITLE_SIZE = 11;
