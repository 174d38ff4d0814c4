/**
 * Where the side panel's main actions and the note's first section are on screen, measured in the
 * page (issue 20). `probePanelLayout` takes no imports and no closure, so Playwright's and
 * puppeteer's `page.evaluate` both run it as it is; the e2e suites of both browsers assert on what
 * it returns and the bench prints it.
 */

export const MAIN_ACTIONS = [
  'Start recording',
  'Pause recording',
  'Resume recording',
  'Stop recording',
  'Generate note',
  'Stop',
  'Insert all',
  'Copy note',
  'Undo insert',
] as const;

export interface PlacedElement {
  name: string;
  top: number;
  bottom: number;
  /** Inside the window, top and bottom. */
  inView: boolean;
  /** What is drawn at its centre is the element itself (not the action bar or a sticky header over it). */
  uncovered: boolean;
}

export interface PanelLayout {
  width: number;
  height: number;
  /** The page itself scrolls sideways: something is wider than the panel. */
  overflowsSideways: boolean;
  /** How far the panel's middle has been scrolled (0: as opened). */
  scrollTop: number;
  /** The top edge of the action bar. */
  actionBarTop: number;
  /** The main actions shown in this state (the others are not on the page now). */
  actions: PlacedElement[];
  /** The note's first section (the Subjective box), when the note is unfolded. */
  firstSection: PlacedElement | undefined;
}

export function probePanelLayout(names: readonly string[]): PanelLayout {
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const place = (el: HTMLElement, name: string) => {
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      name,
      top: Math.round(r.top),
      bottom: Math.round(r.bottom),
      inView: r.top >= 0 && r.bottom <= innerHeight,
      uncovered: at !== null && (at === el || el.contains(at)),
    };
  };
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('button')).filter(visible);
  const actions = names.flatMap((name) => {
    const button = buttons.find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name);
    return button ? [place(button, name)] : [];
  });
  const subjective = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Subjective"]');
  const bar = document.querySelector('[role="region"][aria-label="Actions"]');
  return {
    width: innerWidth,
    height: innerHeight,
    overflowsSideways: document.documentElement.scrollWidth > innerWidth,
    scrollTop: document.querySelector('.panel-scroll')?.scrollTop ?? 0,
    actionBarTop: Math.round(bar?.getBoundingClientRect().top ?? innerHeight),
    actions,
    // Folded, the note's boxes stay on the page inside a visually hidden block: not shown.
    firstSection: subjective && visible(subjective) && !subjective.closest('.visually-hidden') ? place(subjective, 'Subjective') : undefined,
  };
}
