/** The fill engine: puts note text into EHR fields through each editor's own input path. */
export { detectEditorKind, editableTarget, type EditorKind } from './editor-kind';
export { readFieldText } from './read-field';
export { fillField, type FillMode, type FillOptions, type FillResult } from './fill-field';
export { undoFill, type UndoOptions } from './undo';
export { composeWholeNote } from './compose-note';
