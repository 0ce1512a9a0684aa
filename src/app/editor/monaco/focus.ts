/** Moving focus out of an editor that keeps Tab for itself (Escape in Monaco). */
const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the first tabbable element after `container` in document order (none: nothing happens). */
export function focusNextAfter(container: Element): boolean {
  const all = Array.from(document.querySelectorAll<HTMLElement>(TABBABLE));
  const next = all.find(
    (element) =>
      !container.contains(element) &&
      Boolean(container.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) &&
      element.tabIndex >= 0 &&
      element.getClientRects().length > 0,
  );
  next?.focus();
  return Boolean(next);
}
