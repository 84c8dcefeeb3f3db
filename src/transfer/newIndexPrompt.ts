import * as vscode from 'vscode';
import type { ClusterGateway } from '../cluster/clusterGateway';
import type { CsvImportOptions } from './importer';
import { createIndex, inferredMapping, INFERENCE_SAMPLE, mappingsOf, type NewIndexMapping } from './newIndex';

/**
 * Import into an index that does not exist yet: how to create it, asked unless given — a mapping
 * inferred from the file (shown, field by field, before anything is created), the cluster's
 * dynamic mapping, or another index's — then the index is created. False when the user left.
 */
export async function createForImport(gateway: ClusterGateway, index: string, file: string, how: NewIndexMapping | undefined, otherIndices: () => Promise<string[]>, csv?: CsvImportOptions): Promise<boolean> {
  const chosen = how ?? (await askHow(index, otherIndices));
  if (chosen === undefined) return false;
  let mappings: string | undefined;
  if (chosen.kind === 'copy') mappings = await mappingsOf(gateway, chosen.from);
  else if (chosen.kind === 'infer') {
    const inferred = await inferredMapping(gateway, file, csv);
    mappings = inferred.mappings;
    if (how === undefined) {
      const create = vscode.l10n.t('Create and Import');
      const shown = inferred.fields.slice(0, 40).join('\n') + (inferred.fields.length > 40 ? `\n${vscode.l10n.t('… and {0} more fields', inferred.fields.length - 40)}` : '');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Create {0} with this mapping, inferred from the first {1} documents of the file?', index, inferred.documents), { modal: true, detail: shown }, create);
      if (choice !== create) return false;
    }
  }
  await createIndex(gateway, index, mappings);
  return true;
}

async function askHow(index: string, otherIndices: () => Promise<string[]>): Promise<NewIndexMapping | undefined> {
  const items: Array<vscode.QuickPickItem & { how: NewIndexMapping['kind'] }> = [
    { how: 'infer', label: vscode.l10n.t('A Mapping Inferred from the File'), detail: vscode.l10n.t('Each field typed from the first {0} documents (numbers as long or double, ISO dates as date, text with a keyword sub-field); shown before the index is created', INFERENCE_SAMPLE) },
    { how: 'dynamic', label: vscode.l10n.t('Dynamic Mapping'), detail: vscode.l10n.t('The cluster types each field from the first document that has it') },
    { how: 'copy', label: vscode.l10n.t('The Mapping of Another Index…'), detail: vscode.l10n.t('Its mappings copied exactly') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0} does not exist: create it with', index), ignoreFocusOut: true });
  if (picked === undefined) return undefined;
  if (picked.how !== 'copy') return { kind: picked.how };
  const from = await vscode.window.showQuickPick(otherIndices(), { title: vscode.l10n.t('Create {0} with the mapping of', index), ignoreFocusOut: true });
  return from === undefined ? undefined : { kind: 'copy', from };
}
