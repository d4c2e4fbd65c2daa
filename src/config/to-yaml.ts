/**
 * Renders a configuration object as YAML with comments, through the yaml package's
 * Document API (comments are attached to nodes, so the output stays valid YAML and
 * reads back to the same object).
 */
import { Document, isCollection, isMap, isScalar, isSeq, visit, type Node } from 'yaml';

export interface YamlComment {
  /** Path of the key or list item, e.g. ['registry', 'repositories', 0]; [] is the whole document. */
  readonly path: readonly (string | number)[];
  /** One or more lines, without `#`. */
  readonly text: string;
  /** `before`: own lines above the key or item. `inline`: at the end of a scalar's line. @default before */
  readonly placement?: 'before' | 'inline';
}

export interface RenderYamlOptions {
  /** Lines at the top of the file, without `#`. */
  readonly header?: string;
  readonly comments?: readonly YamlComment[];
}

/** Lists of scalars this short are written on one line: `branches: [main]`. */
const FLOW_LIST_MAX_LENGTH = 60;

export function renderConfigYaml(config: unknown, options: RenderYamlOptions = {}): string {
  const document = new Document(config);

  // Short scalar lists on one line; a blank line between top-level sections.
  visit(document, {
    Seq(_, seq) {
      const scalars = seq.items.every((item) => isScalar(item));
      if (scalars && seq.items.length && JSON.stringify(seq.toJSON()).length <= FLOW_LIST_MAX_LENGTH) seq.flow = true;
    },
  });
  if (isMap(document.contents)) {
    document.contents.items.forEach((pair, index) => {
      if (index > 0 && isCollection(pair.value) && isScalar(pair.key)) pair.key.spaceBefore = true;
    });
  }

  if (options.header) document.commentBefore = asComment(options.header);
  for (const comment of options.comments ?? []) attach(document, comment);
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function asComment(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? ` ${line}` : ''))
    .join('\n');
}

/** Puts a comment on the key (in a map) or the item (in a list) at the comment's path. */
function attach(document: Document, comment: YamlComment): void {
  const text = asComment(comment.text);
  if (comment.path.length === 0) {
    document.commentBefore = document.commentBefore ? `${document.commentBefore}\n${text}` : text;
    return;
  }
  const parentPath = comment.path.slice(0, -1);
  const last = comment.path[comment.path.length - 1];
  const parent = parentPath.length ? document.getIn(parentPath, true) : document.contents;

  let before: Node | undefined;
  let value: unknown;
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    before = pair && isScalar(pair.key) ? pair.key : undefined;
    value = pair?.value;
  } else if (isSeq(parent) && typeof last === 'number') {
    value = parent.items[last];
    before = isScalar(value) || isCollection(value) ? value : undefined;
  }
  if (!before) throw new Error(`renderConfigYaml: no node at ${comment.path.join('.')} to comment on`);

  if (comment.placement === 'inline' && isScalar(value)) {
    value.comment = text;
  } else {
    before.commentBefore = before.commentBefore ? `${before.commentBefore}\n${text}` : text;
  }
}
