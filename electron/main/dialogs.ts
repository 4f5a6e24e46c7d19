// The native dialogs: Open and New case, Import Sources, Export, and error and report boxes.
import {
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { CASE_EXTENSION } from '../../db/caseFile.ts';
import { sourceFileExtensions } from './importFiles.ts';
import type { ExportFormat } from './menu.ts';

const CASE_FILTER = { name: 'Attest Case', extensions: [CASE_EXTENSION.slice(1)] };

const usable = (window: BrowserWindow | null): BrowserWindow | null =>
  window && !window.isDestroyed() ? window : null;

// Dialogs are sheets of the window when there is one (macOS), free-standing otherwise.
async function showOpen(window: BrowserWindow | null, options: OpenDialogOptions): Promise<string[]> {
  const parent = usable(window);
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

async function showSave(window: BrowserWindow | null, options: SaveDialogOptions): Promise<string | null> {
  const parent = usable(window);
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function showMessage(window: BrowserWindow | null, options: MessageBoxOptions): Promise<void> {
  const parent = usable(window);
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}

export async function chooseCaseToOpen(window: BrowserWindow | null): Promise<string | null> {
  const [path] = await showOpen(window, {
    title: 'Open Case',
    properties: ['openFile'],
    filters: [CASE_FILTER],
  });
  return path ?? null;
}

/** The path for a new case; `.attest` is added when the analyst typed a name without it. */
export async function chooseNewCasePath(
  window: BrowserWindow | null,
  defaultPath: string,
): Promise<string | null> {
  const path = await showSave(window, {
    title: 'New Case',
    buttonLabel: 'Create',
    defaultPath,
    filters: [CASE_FILTER],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (path === null) return null;
  return path.toLowerCase().endsWith(CASE_EXTENSION) ? path : `${path}${CASE_EXTENSION}`;
}

export function chooseSourceFiles(window: BrowserWindow | null): Promise<string[]> {
  return showOpen(window, {
    title: 'Import Sources',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Source Documents', extensions: sourceFileExtensions() },
      { name: 'All Files', extensions: ['*'] },
    ],
  });
}

/** Another analyst's case to merge into the open one: a case file or a JSON export of one. */
export async function chooseCaseToMerge(window: BrowserWindow | null): Promise<string | null> {
  const [path] = await showOpen(window, {
    title: 'Merge Case File',
    buttonLabel: 'Merge',
    properties: ['openFile'],
    filters: [
      { name: 'Attest Cases and Exports', extensions: [CASE_EXTENSION.slice(1), 'json'] },
      { name: 'All Files', extensions: ['*'] },
    ],
  });
  return path ?? null;
}

export function chooseAnnotationFile(window: BrowserWindow | null): Promise<string[]> {
  return showOpen(window, {
    title: 'Import Web Annotations',
    buttonLabel: 'Import',
    properties: ['openFile'],
    filters: [
      { name: 'Web Annotations (JSON-LD)', extensions: ['jsonld', 'json'] },
      { name: 'All Files', extensions: ['*'] },
    ],
  });
}

const EXPORT_FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  json: { name: 'JSON', extensions: ['json'] },
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  annotations: { name: 'Web Annotations (JSON-LD)', extensions: ['jsonld', 'json'] },
  markdown: { name: 'Markdown', extensions: ['md'] },
  html: { name: 'HTML', extensions: ['html'] },
};

const EXPORT_TITLES: Record<ExportFormat, string> = {
  json: 'Export JSON',
  csv: 'Export CSV',
  annotations: 'Export Web Annotations',
  markdown: 'Export Citation Report',
  html: 'Export Citation Report',
};

/** The file name extension an export is offered under, without the dot. */
export const exportExtension = (format: ExportFormat): string => EXPORT_FILTERS[format].extensions[0]!;

export function chooseExportPath(
  window: BrowserWindow | null,
  format: ExportFormat,
  defaultPath: string,
): Promise<string | null> {
  return showSave(window, {
    title: EXPORT_TITLES[format],
    buttonLabel: 'Export',
    defaultPath,
    filters: [EXPORT_FILTERS[format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
}

/** A failure the analyst must see: one headline and the engine's message (never a stack or a path). */
export function showProblem(window: BrowserWindow | null, message: string, detail: string): Promise<void> {
  return showMessage(window, { type: 'error', message, detail, buttons: ['OK'] });
}

export function showReport(window: BrowserWindow | null, message: string, detail: string): Promise<void> {
  return showMessage(window, { type: 'warning', message, detail, buttons: ['OK'] });
}
