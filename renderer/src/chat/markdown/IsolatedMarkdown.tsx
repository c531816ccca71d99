import { IsolatedSurface } from '../../widgets/isolated/IsolatedSurface';
import { Markdown } from './Markdown';
import markdownCss from './markdown.css?inline';

const SHEETS = [markdownCss];

/**
 * A model's answer in its own shadow root: the Markdown is React elements (no HTML from the model is ever parsed),
 * and the surface also keeps its links from navigating Keel (they ask first) and its styles to itself.
 */
export function IsolatedMarkdown({ text, final }: { text: string; final: boolean }) {
  return (
    <IsolatedSurface sheets={SHEETS} className={final ? 'md-surface' : 'md-surface streaming'}>
      <Markdown text={text} final={final} />
    </IsolatedSurface>
  );
}
