import { beforeEach, describe, expect, it } from 'vitest';
import { useTabs } from '../state/tabs';
import { isReviewTab, openReview, reviewIdOf, useReviewFocus } from './openReview';

describe('openReview', () => {
  beforeEach(() => useTabs.setState({ tabs: [], active: null, mru: [] }));

  it('opens one review tab per changeset and focuses it when asked again', () => {
    openReview('cs-0123456789ab');
    openReview('cs-ffffffffffff');
    openReview('cs-0123456789ab');
    expect(useTabs.getState().tabs).toEqual(['review:cs-0123456789ab', 'review:cs-ffffffffffff']);
    expect(useTabs.getState().active).toBe('review:cs-0123456789ab');
    expect(isReviewTab('review:cs-0123456789ab') && reviewIdOf('review:cs-0123456789ab')).toBe('cs-0123456789ab');
    expect(isReviewTab('src/review.ts')).toBe(false);
  });

  it('remembers the file to show until the review editor takes it', () => {
    openReview('cs-0123456789ab', 'src/a.ts');
    expect(useReviewFocus.getState().take('cs-0123456789ab')).toBe('src/a.ts');
    expect(useReviewFocus.getState().take('cs-0123456789ab')).toBeUndefined();
  });
});
