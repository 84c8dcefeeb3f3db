/** Every command the extension contributes; package.json must list exactly these. */
export const CommandIds = {
  addConnection: 'esdocs.addConnection',
  editConnection: 'esdocs.editConnection',
  removeConnection: 'esdocs.removeConnection',
  updateCredentials: 'esdocs.updateCredentials',
  refresh: 'esdocs.refresh',
  showHiddenIndices: 'esdocs.showHiddenIndices',
  hideHiddenIndices: 'esdocs.hideHiddenIndices',
  filterDocuments: 'esdocs.filterDocuments',
  clearFilter: 'esdocs.clearFilter',
  loadMore: 'esdocs.loadMore',
  openDocument: 'esdocs.openDocument',
  compareWithServer: 'esdocs.compareWithServer',
  overwriteServer: 'esdocs.overwriteServer',
  revertToServer: 'esdocs.revertToServer',
  updateFields: 'esdocs.updateFields',
  newDocument: 'esdocs.newDocument',
  duplicateDocument: 'esdocs.duplicateDocument',
  deleteDocument: 'esdocs.deleteDocument',
  copyAsCurl: 'esdocs.copyAsCurl',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
