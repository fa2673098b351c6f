// Text from a workspace or an import file (file names, event names, skip reasons, rows quoted in an
// error) may hold escape sequences: written to a terminal they retitle it, clear it, or draw a line
// over another. There, control characters other than newline and tab are shown as \u escapes.
// Piped or redirected, stdout is left as it is: the data is the data, and JSON escapes its own.

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function forTerminal(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
