/** Decodes UTF-8 text (a leading BOM is dropped) from bytes. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** A record of a delimited text file with the 1-based line it starts on (for error messages). */
export interface TextRecord {
  cells: string[];
  line: number;
}

/** Splits one CSV record honouring RFC 4180 quotes; returns undefined when a quote is still open. */
function splitQuoted(text: string, delimiter: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
    } else if (ch === '"' && cell.length === 0) inQuotes = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  if (inQuotes) return undefined;
  cells.push(cell);
  return cells;
}

/**
 * Splits text into records of cells. Tabs never quote (Embedding Projector TSVs hold raw text);
 * commas honour double quotes, which may span lines. Blank lines are skipped.
 */
export function splitRecords(text: string, delimiter: ',' | '\t'): TextRecord[] {
  const lines = text.split(/\r?\n/);
  const out: TextRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.trim().length === 0) continue;
    const start = i + 1;
    if (delimiter === '\t' || !line.includes('"')) {
      out.push({ cells: line.split(delimiter), line: start });
      continue;
    }
    let cells = splitQuoted(line, delimiter);
    while (cells === undefined && i + 1 < lines.length) {
      line += '\n' + lines[++i]!;
      cells = splitQuoted(line, delimiter);
    }
    out.push({ cells: cells ?? line.split(delimiter), line: start });
  }
  return out;
}
