import { exampleDate } from './dateFormats';
import { dateFormatOf, fieldsBelow, type MappedField, type MappingModel } from './mappingModel';
import { isNumericType } from './mappingValues';

/**
 * The text a new document starts from: the mapping's top-level fields, each with a placeholder
 * value its type takes (`""` for strings, `0` for numbers, `false`, a date in the field's first
 * format, `{}` for objects, `[]` for `nested`), in mapping order.
 */
export function documentSkeleton(model: MappingModel, indent: string, now: Date = new Date()): string {
  const members = fieldsBelow(model, '')
    .filter((field) => field.type !== 'alias' && field.type !== 'constant_keyword')
    .map((field) => `${indent}${JSON.stringify(field.name)}: ${placeholder(field, now)}`);
  return members.length === 0 ? `{\n${indent}\n}\n` : `{\n${members.join(',\n')}\n}\n`;
}

function placeholder(field: MappedField, now: Date): string {
  if (isNumericType(field.type)) return '0';
  switch (field.type) {
    case 'boolean':
      return 'false';
    case 'date':
    case 'date_nanos':
      return JSON.stringify(exampleDate(dateFormatOf(field), now));
    case 'object':
    case 'flattened':
      return '{}';
    case 'nested':
      return '[]';
    case 'ip':
      return '"127.0.0.1"';
    case 'geo_point':
      return '{ "lat": 0, "lon": 0 }';
    case 'keyword':
    case 'text':
    case 'match_only_text':
    case 'wildcard':
    case 'search_as_you_type':
      return '""';
    default:
      return 'null';
  }
}
