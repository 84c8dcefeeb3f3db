import * as vscode from 'vscode';

/** The user pressed the Back button of a multi-step input. */
export const BACK = Symbol('back');

export interface StepInfo {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

export interface TextOptions {
  readonly prompt: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly password?: boolean;
  readonly validate?: (value: string) => string | undefined;
}

export interface ChoiceOptions<T> {
  /** Grey text in the empty filter box: a short hint, it is cut off when long. */
  readonly placeholder?: string;
  /** A message under the box that wraps and reads in full: results and warnings go here. */
  readonly prompt?: string;
  /** The item Enter picks. */
  readonly active?: T;
}

/** The questions of a multi-step input; tests answer them without a screen. */
export interface StepUi {
  text(info: StepInfo, options: TextOptions): Promise<string | typeof BACK | undefined>;
  choice<T extends vscode.QuickPickItem>(info: StepInfo, items: readonly T[], options: ChoiceOptions<T>): Promise<T | typeof BACK | undefined>;
  /** A file to read, e.g. a CA certificate; undefined when cancelled. */
  file(title: string, filters: Record<string, string[]>): Promise<string | undefined>;
}

/** One text step of a multi-step input: a value, `BACK`, or undefined when dismissed. */
export function askText(info: StepInfo, options: TextOptions): Promise<string | typeof BACK | undefined> {
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
export function askChoice<T extends vscode.QuickPickItem>(info: StepInfo, items: readonly T[], options: ChoiceOptions<T>): Promise<T | typeof BACK | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  Object.assign(pick, info, { placeholder: options.placeholder, prompt: options.prompt, ignoreFocusOut: true });
  pick.items = items;
  if (options.active) pick.activeItems = [options.active];
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

/** The real quick input of the workbench. */
export const QUICK_INPUT: StepUi = {
  text: askText,
  choice: askChoice,
  file: async (title, filters) => (await vscode.window.showOpenDialog({ title, canSelectMany: false, filters }))?.[0]?.fsPath,
};
