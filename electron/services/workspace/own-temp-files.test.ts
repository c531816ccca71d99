import { describe, expect, it } from 'vitest';
import { OwnTempFiles } from './own-temp-files';

describe('OwnTempFiles', () => {
  it("recognises a write's temp file before write-file-atomic has named it, and nothing a user made", () => {
    const own = new OwnTempFiles();
    own.expectWrite('/ws/a.txt');
    expect(own.has('/ws/a.txt.2536145390')).toBe(true);
    expect(own.has('/ws/a.txt')).toBe(false);
    expect(own.has('/ws/a.txt.bak')).toBe(false);
    expect(own.has('/ws/b.txt.123')).toBe(false);
  });

  it('forgets the target once the grace period after the write has passed', async () => {
    const own = new OwnTempFiles(5);
    own.expectWrite('/ws/a.txt');
    own.writeDoneLater('/ws/a.txt');
    expect(own.has('/ws/a.txt.1')).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(own.has('/ws/a.txt.1')).toBe(false);
  });
});
