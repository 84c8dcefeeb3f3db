import * as vscode from 'vscode';

/** The user pressed the Back button of a multi-step input. */
export const BACK = Symbol('back');

interface StepInfo {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

/** One text step of a multi-step input: a value, `BACK`, or undefined when dismissed. */
export function askText(
  info: StepInfo,
  options: { prompt: string; value?: string; placeholder?: string; password?: boolean; validate?: (value: string) => string | undefined },
): Promise<string | typeof BACK | undefined> {
  const box = vscode.window.createInputBox();
  Object.assign(box, info, { prompt: options.prompt, value: options.value ?? '', placeholder: options.placeholder, password: options.password ?? false, ignoreFocusOut: true });
  box.buttons = info.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    const done = (value: string | typeof BACK | undefined): void => {
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue((value) => (box.validationMessage = options.validate?.(value)));
    box.onDidAccept(() => {
      const problem = options.validate?.(box.value);
      if (problem) box.validationMessage = problem;
      else done(box.value);
    });
    box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
    box.onDidHide(() => done(undefined));
    box.show();
  });
}

/** One choice step of a multi-step input. */
export function askChoice<T extends vscode.QuickPickItem>(info: StepInfo, items: readonly T[], placeholder: string, active?: T): Promise<T | typeof BACK | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  Object.assign(pick, info, { placeholder, ignoreFocusOut: true });
  pick.items = items;
  if (active) pick.activeItems = [active];
  pick.buttons = info.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    const done = (value: T | typeof BACK | undefined): void => {
      resolve(value);
      pick.dispose();
    };
    pick.onDidAccept(() => done(pick.selectedItems[0]));
    pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
    pick.onDidHide(() => done(undefined));
    pick.show();
  });
}
