import { findNodeAtLocation, parseTree } from 'jsonc-parser';

/** The `count` of a `_count` answer as its exact digits (a number beyond 2^53 stays exact); undefined when it has none. */
export function readCount(answer: string): string | undefined {
  const root = parseTree(answer);
  const node = root && findNodeAtLocation(root, ['count']);
  return node?.type === 'number' ? answer.slice(node.offset, node.offset + node.length) : undefined;
}
