import { Suspense } from 'react';
import { useShownSideView } from './ActivityBar';
import { getSideViews } from './contributions';

/** The side bar: the title and body of the contributed view that is shown. */
export function SideBar() {
  const id = useShownSideView();
  const view = getSideViews().find((v) => v.id === id);
  if (!view) return null;
  const View = view.component;
  return (
    <aside className="sidebar-content" aria-label={view.title} data-view={view.id}>
      <div className="sidebar-title">{view.title}</div>
      <Suspense fallback={<div className="editor-loading" aria-busy="true" />}>
        <View />
      </Suspense>
    </aside>
  );
}
