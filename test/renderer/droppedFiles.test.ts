// filesOfEntries: a dropped folder's files, recursively, in path order, hidden ones skipped, read in chunks.
import { describe, expect, it } from 'vitest';
import { filesOfEntries, type DroppedEntry } from '../../renderer/lib/droppedFiles.ts';

/** A file entry as Chromium gives one. */
const file = (path: string): DroppedEntry => ({
  name: path.split('/').pop()!,
  fullPath: path,
  isFile: true,
  isDirectory: false,
  file: (success) => setTimeout(() => success(new File([path], path.split('/').pop()!))),
});

/** A folder entry whose reader hands its entries over two at a time, as readEntries does in chunks. */
const folder = (path: string, children: DroppedEntry[]): DroppedEntry => ({
  name: path.split('/').pop()!,
  fullPath: path,
  isFile: false,
  isDirectory: true,
  createReader: () => {
    let next = 0;
    return {
      readEntries: (success) =>
        setTimeout(() => {
          success(children.slice(next, next + 2));
          next += 2;
        }),
    };
  },
});

describe('filesOfEntries', () => {
  it('opens dropped folders recursively, skips hidden files and folders, and sorts by path', async () => {
    const dropped = [
      file('/loose.txt'),
      folder('/reports', [
        file('/reports/b.pdf'),
        file('/reports/.DS_Store'),
        folder('/reports/.git', [file('/reports/.git/HEAD')]),
        folder('/reports/html', [file('/reports/html/page.html'), file('/reports/html/another.htm')]),
        file('/reports/a.docx'),
      ]),
    ];
    const found = await filesOfEntries(dropped);
    expect(found.map((entry) => entry.path)).toEqual([
      '/loose.txt',
      '/reports/a.docx',
      '/reports/b.pdf',
      '/reports/html/another.htm',
      '/reports/html/page.html',
    ]);
    expect(found.map((entry) => entry.file.name)).toEqual([
      'loose.txt',
      'a.docx',
      'b.pdf',
      'another.htm',
      'page.html',
    ]);
    expect(await found[0]!.file.text()).toBe('/loose.txt');
  });

  it('rejects when a folder cannot be read, for the caller to report', async () => {
    const broken: DroppedEntry = {
      name: 'locked',
      fullPath: '/locked',
      isFile: false,
      isDirectory: true,
      createReader: () => ({ readEntries: (_success, failure) => failure?.(new Error('NotReadableError')) }),
    };
    await expect(filesOfEntries([broken])).rejects.toThrow('NotReadableError');
  });
});
