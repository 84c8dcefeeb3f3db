// The package ships JavaScript only: its one export is a highlight.js language definition.
declare module '@elastic/highlightjs-esql' {
  import type { LanguageFn } from 'highlight.js';
  const esql: LanguageFn;
  // eslint-disable-next-line no-restricted-exports -- describes the package's own default export
  export default esql;
}
