/**
 * Anything that can be disposed: VS Code's `Disposable`, an `EventEmitter`, a listener's
 * subscription. Typed by shape so that this file needs no `vscode` at run time.
 */
export interface DisposableLike {
  dispose(): unknown;
}

/**
 * A base for classes that own disposables: each is handed to `register` where it is made, and
 * `dispose` disposes them all, the last registered first, so no owner lists them again by hand.
 */
export class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposed = false;

  dispose(): void {
    this.disposed = true;
    for (const item of this.owned.splice(0).reverse()) item.dispose();
  }

  /** Takes ownership of `item` and returns it; once this is disposed, `item` is disposed at once. */
  protected register<T extends DisposableLike>(item: T): T {
    if (this.disposed) item.dispose();
    else this.owned.push(item);
    return item;
  }
}
