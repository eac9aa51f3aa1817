import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '#contracts/attachment';
import { formatSize, isImageType, pickProblem, roomLeft } from './attachment-logic.ts';

describe('attachment logic', () => {
  it('tells a file that will be refused before it is sent', () => {
    expect(pickProblem({ name: 'IMG_1.JPG', size: 10, type: 'image/jpeg' })).toBeNull();
    expect(pickProblem({ name: 'IMG_1.HEIC', size: 10, type: 'image/heic' })).toBe('att.problemHeic');
    expect(pickProblem({ name: '会议记录.pdf', size: 10, type: '' })).toBeNull();
    expect(pickProblem({ name: '台账.XLSX', size: 10, type: '' })).toBeNull();
    expect(pickProblem({ name: 'a.pdf', size: 0, type: 'application/pdf' })).toBe('att.problemEmpty');
    expect(pickProblem({ name: 'a.pdf', size: ATTACHMENT_MAX_BYTES + 1, type: '' })).toBe(
      'att.problemTooLarge',
    );
    expect(pickProblem({ name: 'a.pdf', size: ATTACHMENT_MAX_BYTES, type: '' })).toBeNull();
    expect(pickProblem({ name: 'setup.exe', size: 10, type: 'application/x-msdownload' })).toBe(
      'att.problemType',
    );
    expect(pickProblem({ name: 'page.html', size: 10, type: 'text/html' })).toBe('att.problemType');
  });

  it('reads sizes and kinds as people do', () => {
    expect(formatSize(532)).toBe('532 B');
    expect(formatSize(18_842)).toBe('18.4 KB');
    expect(formatSize(3_355_443)).toBe('3.2 MB');
    expect(isImageType('image/jpeg')).toBe(true);
    expect(isImageType('application/pdf')).toBe(false);
    expect(roomLeft(20, 18, 1)).toBe(1);
    expect(roomLeft(20, 18, 5)).toBe(0);
  });
});
