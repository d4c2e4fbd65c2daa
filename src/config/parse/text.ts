import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { LineCounter, parseDocument, visit } from 'yaml';
import { ConfigError } from '../problems';

/**
 * How many nodes YAML aliases may expand to: the yaml library's own default guard against
 * "billion laughs" documents (a few lines of nested aliases that expand to billions of nodes).
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Reads a configuration file as UTF-8 text. A file that is not UTF-8 (Latin-1, Windows-1252,
 * UTF-16) is refused, naming the line and column of the first byte that is not UTF-8: reading
 * it with replacement characters would put "�" into names and tags without a word.
 */
export function readConfigFile(fileName: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(fileName);
  } catch (error) {
    throw new ConfigError([{ path: fileName, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  return decodeConfigText(bytes, fileName);
}

/** The bytes of a configuration file as text; refuses anything that is not UTF-8 (a UTF-8 byte order mark is dropped). */
export function decodeConfigText(bytes: Uint8Array, fileName: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const order = bytes[0] === 0xff ? 'FF FE' : 'FE FF';
    throw new ConfigError([{ path: fileName, message: `must be UTF-8 text, got UTF-16 (byte order mark ${order}); save the file as UTF-8` }]);
  }
  if (isUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  throw new ConfigError([firstInvalidByte(bytes, fileName)]);
}

/** Where the first byte that is not UTF-8 sits, as file:line:column, with the bytes from there. */
function firstInvalidByte(bytes: Uint8Array, fileName: string): { path: string; message: string } {
  // Line by line: a newline byte never occurs inside a UTF-8 sequence, so lines split safely.
  let start = 0;
  let line = 1;
  for (;;) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline + 1;
    const lineBytes = bytes.subarray(start, end);
    if (!isUtf8(lineBytes)) {
      const valid = validPrefixLength(lineBytes);
      const column = [...new TextDecoder('utf-8').decode(lineBytes.subarray(0, valid))].length + 1;
      // The bad byte and what follows it up to the next ASCII byte (at most four): enough to recognise the encoding.
      let stop = valid + 1;
      while (stop < Math.min(lineBytes.length, valid + 4) && lineBytes[stop] >= 0x80) stop++;
      const shown = [...lineBytes.subarray(valid, stop)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
      return {
        path: `${fileName}:${line}:${column}`,
        message: `must be UTF-8 text, got ${shown.length > 2 ? 'bytes' : 'byte'} ${shown} that ${shown.length > 2 ? 'are' : 'is'} not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8`,
      };
    }
    if (newline === -1) break;
    start = end;
    line++;
  }
  return { path: fileName, message: 'must be UTF-8 text, got bytes that are not UTF-8; save the file as UTF-8' };
}

/**
 * Bytes before the first sequence that is not UTF-8, in one pass: the decoder writes "\uFFFD" for
 * each bad sequence; one that the text itself contains (EF BF BD) is skipped.
 */
function validPrefixLength(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const encoder = new TextEncoder();
  let offset = 0; // bytes of text[0, index)
  let index = 0;
  for (let found = text.indexOf('\uFFFD'); found !== -1; found = text.indexOf('\uFFFD', found + 1)) {
    offset += encoder.encode(text.slice(index, found)).length;
    index = found;
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    offset += 3;
    index = found + 1;
  }
  return bytes.length;
}

/** Parses the text of a YAML or JSON file; syntax errors name the file and the line. */
export function parseConfigText(text: string, fileName: string): unknown {
  if (/\.json$/i.test(fileName)) return parseJson(text, fileName);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: true, lineCounter });
  if (document.errors.length) {
    throw new ConfigError(
      document.errors.map((error) => ({
        path: `${fileName}${error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : ''}`,
        // The path names the place already: drop yaml's own " at line L, column C:" and the context lines.
        message: `is not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError (no position) when aliases expand past maxAliasCount.
    let firstAlias: number | undefined;
    visit(document, {
      Alias(_, node) {
        if (node.range) firstAlias = node.range[0];
        return visit.BREAK;
      },
    });
    const where = firstAlias === undefined ? undefined : lineCounter.linePos(firstAlias);
    const excessive = /alias count/i.test((error as Error).message);
    throw new ConfigError([
      {
        path: `${fileName}${where ? `:${where.line}:${where.col}` : ''}`,
        message: excessive
          ? `must not expand YAML aliases into more than ${MAX_ALIAS_COUNT} nodes (a guard against "billion laughs" documents), got more from the aliases starting here; write the repeated values out`
          : `is not valid YAML: ${(error as Error).message}`,
      },
    ]);
  }
}

/** JSON.parse, with the place of a syntax error as file:line:column. */
function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    const offset = jsonErrorOffset(text, message);
    const before = text.slice(0, offset).split('\n');
    const at = offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : 'the text ends too early';
    // V8's "Unexpected token" message quotes the text, across lines: say which character instead.
    const own = /^Unexpected (token|end)/.test(message) ? '' : message.replace(/ in JSON at position \d+.*$/, '');
    throw new ConfigError([{ path: `${fileName}:${before.length}:${before[before.length - 1].length + 1}`, message: `is not valid JSON: ${own ? `${own} (${at})` : at}` }]);
  }
}

/**
 * Offset of the character JSON.parse fails at: V8's "at position N" where it says so; for its
 * "Unexpected token" (which gives none) a binary search over prefixes, since a prefix fails with
 * "Unexpected token" exactly when it contains the first bad character; else the end of the text.
 */
function jsonErrorOffset(text: string, message: string): number {
  const position = / at position (\d+)/.exec(message);
  if (position) return Math.min(Number(position[1]), text.length);
  if (!/^Unexpected token/.test(message)) return text.length;
  const hasBadCharacter = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      return /^Unexpected token/.test((error as Error).message);
    }
  };
  let low = 0;
  let high = text.length; // hasBadCharacter(high) holds
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (hasBadCharacter(middle)) high = middle;
    else low = middle;
  }
  return high - 1;
}
