import { parseDocument } from 'yaml';
import { ConfigError } from '../problems';

/** Parses the text of a YAML or JSON file; syntax errors name the line. */
export function parseConfigText(text: string, fileName: string): unknown {
  if (/\.json$/i.test(fileName)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConfigError([{ path: fileName, message: `is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length) {
    throw new ConfigError(
      document.errors.map((error) => ({
        path: `${fileName}${error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : ''}`,
        message: `is not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  return document.toJS();
}
