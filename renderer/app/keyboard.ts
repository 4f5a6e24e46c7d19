// Keyboard helpers shared by the views: whether a key press belongs to a text field rather than to a shortcut.

/** True for an element that edits text (or a control that uses letters itself). */
export function isEditable(element: HTMLElement): boolean {
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [role="textbox"]') !== null;
}

/** True when the key goes to something that edits text (or a control that uses letters itself). */
export function isTyping(event: KeyboardEvent): boolean {
  return event.target instanceof HTMLElement && isEditable(event.target);
}
