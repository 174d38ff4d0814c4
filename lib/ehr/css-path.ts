/**
 * A CSS selector that finds this element again in the same document: the nearest ancestor with a
 * usable id, then tag and :nth-of-type steps. For sources shown in the panel and checked by tests,
 * not for taught field maps (those need selectors that survive page changes).
 *
 * `uniqueIds` remembers which ids are unique in the document, for a caller that works out many
 * paths in one go (the chart builder): items share their ancestors, and each id is asked about once.
 */
export function cssPath(element: Element, uniqueIds = new Map<string, boolean>()): string {
  const steps: string[] = [];
  for (let current: Element | null = element; current; ) {
    const id = current.getAttribute('id');
    if (id && /^[A-Za-z][\w-]*$/.test(id)) {
      let unique = uniqueIds.get(id);
      if (unique === undefined) uniqueIds.set(id, (unique = current.ownerDocument.querySelectorAll(`#${id}`).length === 1));
      if (unique) {
        steps.unshift(`#${id}`);
        break;
      }
    }
    const tag = current.tagName.toLowerCase();
    const parent: Element | null = current.parentElement;
    if (!parent) {
      steps.unshift(tag);
      break;
    }
    // Its place among same-tag siblings, counted in place (no copy of the parent's children).
    let index = 1;
    let alone = true;
    for (let sib = current.previousElementSibling; sib; sib = sib.previousElementSibling) if (sib.tagName === current.tagName) index++;
    for (let sib = current.nextElementSibling; sib && alone; sib = sib.nextElementSibling) alone = sib.tagName !== current.tagName;
    steps.unshift(index > 1 || !alone ? `${tag}:nth-of-type(${index})` : tag);
    current = parent;
  }
  return steps.join(' > ');
}
