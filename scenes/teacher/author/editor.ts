// The workbench's code editor: CodeMirror 6 with JSON highlighting and the content checks as lint
// diagnostics at their lines. Tab is left to move the focus (CodeMirror binds it only when asked),
// so a keyboard user can always leave the editor.
import { basicSetup } from 'codemirror';
import { json } from '@codemirror/lang-json';
import { forceLinting, lintGutter, linter, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { DraftProblem } from '../../../src/content/draft';

export interface DraftEditor {
  view: EditorView;
  text(): string;
  /** Replaces the whole text (opening another scenario); the checks run again. */
  setText(text: string): void;
  /** Puts `text` in place of the selection (or at the cursor) and returns the line it starts on. */
  insert(text: string): number;
  /** Moves the cursor to a 1-based line and column and focuses the editor. */
  goTo(line: number, column: number): void;
  destroy(): void;
}

/** The character range a problem marks: from its position to the end of that line's content. */
export function problemRange(doc: Text, p: Pick<DraftProblem, 'line' | 'column'>): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
  const from = line.from + Math.min(Math.max(0, p.column - 1), line.length);
  const to = line.from + line.text.trimEnd().length;
  return { from, to: Math.max(from, to) };
}

/**
 * Mounts the editor in `parent`. `check` runs on the text after typing pauses (`delay` ms) and
 * resolves with the problems to mark; `label` names the editor for screen readers.
 */
export function mountEditor(parent: HTMLElement, options: { text: string; label: string; delay: number; check: (text: string) => Promise<DraftProblem[]> }): DraftEditor {
  // Marks are placed in the text they were found in; CodeMirror drops them if the text changed since.
  const source = async (view: EditorView): Promise<Diagnostic[]> => {
    const doc = view.state.doc;
    return (await options.check(doc.toString())).map((p) => ({ ...problemRange(doc, p), severity: p.severity, message: p.message }));
  };
  // In a shadow root: there CodeMirror's styles go in as constructed style sheets, which the
  // page's Content-Security-Policy (no inline styles) allows; in the document they would be
  // <style> elements, which it blocks.
  const shadow = parent.attachShadow({ mode: 'open' });
  const view = new EditorView({
    root: shadow,
    parent: shadow,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        linter(source, { delay: options.delay }),
        EditorView.lineWrapping,
        // tabindex: already a tab stop as an editable region; said so for checkers that look for it.
        EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0' }),
        EditorView.theme({
          '&': { height: '34rem', fontSize: '0.95rem', backgroundColor: '#fff', border: '2px solid #5b5b66', borderRadius: '6px' },
          '&.cm-focused': { outline: '3px solid #1d5fa8', outlineOffset: '2px' },
          '.cm-scroller': { fontFamily: 'ui-monospace, monospace' },
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true });
      forceLinting(view);
    },
    insert(text) {
      const { from, to } = view.state.selection.main;
      view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, scrollIntoView: true });
      return view.state.doc.lineAt(from).number;
    },
    goTo(line, column) {
      const { from } = problemRange(view.state.doc, { line, column });
      view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
