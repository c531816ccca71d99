import { describe, expect, it } from 'vitest';
import { tempName } from '../../../base/node/confine';
import { OwnTempFiles } from './own-temp-files';

describe('OwnTempFiles', () => {
  it("recognises Keel's temp and backup names, and nothing a user made", () => {
    const own = new OwnTempFiles();
    expect(own.has(`/ws/${tempName('a.txt', 'tmp')}`)).toBe(true);
    expect(own.has(`/ws/${tempName('a.txt', 'bak')}`)).toBe(true);
    expect(own.has('/ws/a.txt')).toBe(false);
    expect(own.has('/ws/a.txt.2536145390')).toBe(false);
    expect(own.has('/ws/.a.txt.keel-x.tmp')).toBe(false);
  });

  it('forgets an added name once the grace period has passed', async () => {
    const own = new OwnTempFiles(5);
    own.add('/ws/x.part');
    own.releaseLater('/ws/x.part');
    expect(own.has('/ws/x.part')).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(own.has('/ws/x.part')).toBe(false);
  });
});
