/**
 * A CSS selector that finds this element again in the same document: the nearest ancestor with a
 * usable id, then tag and :nth-of-type steps. For sources shown in the panel and checked by tests,
 * not for taught field maps (those need selectors that survive page changes).
 */
export function cssPath(element: Element): string {
  const steps: string[] = [];
  let current: Element | null = element;
  while (current && current.nodeType === 1) {
    const id = current.getAttribute('id');
    if (id && /^[A-Za-z][\w-]*$/.test(id) && current.ownerDocument.querySelectorAll(`#${id}`).length === 1) {
      steps.unshift(`#${id}`);
      break;
    }
    const tag = current.tagName.toLowerCase();
    const parent: Element | null = current.parentElement;
    if (!parent) {
      steps.unshift(tag);
      break;
    }
    const sameTag = Array.from(parent.children).filter((child) => child.tagName === current!.tagName);
    steps.unshift(sameTag.length > 1 ? `${tag}:nth-of-type(${sameTag.indexOf(current) + 1})` : tag);
    current = parent;
  }
  return steps.join(' > ');
}
