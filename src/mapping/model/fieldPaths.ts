import type { MappingModel } from './mappingModel';

/**
 * The mapping's fields as flat paths, in mapping order: an object's fields in place of the object
 * (`director.name`), multi-fields left out, a `nested` field or an object with `enabled: false`
 * as one path (its value is one piece of JSON). What a table's columns and a CSV's header are.
 */
export function flatFieldPaths(model: MappingModel): string[] {
  const paths: string[] = [];
  const visit = (path: string): void => {
    for (const name of model.children.get(path) ?? []) {
      const full = path === '' ? name : `${path}.${name}`;
      const field = model.fields.get(full);
      if (field === undefined) continue;
      const below = model.children.get(full);
      if (field.type === 'object' && below && below.length > 0 && field.enabled !== false) visit(full);
      else paths.push(full);
    }
  };
  visit('');
  return paths;
}
