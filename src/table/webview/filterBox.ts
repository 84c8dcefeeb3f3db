import type { FilterKind } from '../model/tableProtocol';
import { esqlHtml } from './esqlHighlight';

/**
 * The filter box: a query string or JSON query, or an ES|QL query, highlighted as typed. The
 * highlighting is a copy of the text drawn under the input (whose own text is transparent), kept
 * scrolled with it: the input stays a plain input, with its caret, selection, undo and IME.
 * Switching the language keeps what was typed in the other one, to switch back to.
 */
export class FilterBox {
  private readonly texts: Partial<Record<FilterKind, string>> = {};
  private index = '';

  constructor(
    private readonly input: HTMLInputElement,
    private readonly kind: HTMLSelectElement,
    private readonly mirror: HTMLElement,
    private readonly placeholders: Readonly<Record<FilterKind, string>>,
  ) {
    input.addEventListener('input', () => this.draw());
    // The input scrolls its text sideways as the caret moves; the copy follows it.
    for (const event of ['scroll', 'keyup', 'keydown', 'select', 'mouseup', 'focus', 'blur']) input.addEventListener(event, () => this.follow());
    kind.addEventListener('change', () => this.switchTo(this.kind.value as FilterKind));
  }

  get text(): string {
    return this.input.value;
  }

  get language(): FilterKind {
    return this.kind.value as FilterKind;
  }

  /** The filter the table lists by, as the host says it is. */
  show(text: string, language: FilterKind, index: string): void {
    this.index = index;
    this.kind.value = language;
    this.input.value = text;
    this.texts[language] = text;
    this.draw();
  }

  private switchTo(language: FilterKind): void {
    const other: FilterKind = language === 'esql' ? 'query' : 'esql';
    this.texts[other] = this.input.value;
    this.input.value = this.texts[language] ?? (language === 'esql' ? `FROM ${this.index} METADATA _id, _index | LIMIT 1000` : '');
    this.draw();
    this.input.focus();
  }

  private draw(): void {
    const esql = this.language === 'esql';
    this.input.placeholder = this.placeholders[this.language];
    this.input.parentElement?.classList.toggle('highlighted', esql);
    // A trailing space: the copy is as wide as the input's text with its caret at the end.
    this.mirror.innerHTML = esql ? `${esqlHtml(this.input.value)} ` : '';
    this.follow();
  }

  private follow(): void {
    requestAnimationFrame(() => {
      this.mirror.scrollLeft = this.input.scrollLeft;
    });
  }
}
