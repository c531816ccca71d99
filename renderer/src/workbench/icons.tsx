import type { ReactElement } from 'react';

/** Codicon-like glyphs drawn inline (no icon font, no network): 16×16, stroked with currentColor. */
const paths: Record<string, ReactElement> = {
  files: (
    <>
      <path d="M9.5 1.5H4.5a1 1 0 0 0-1 1v9a1 1 0 0 0 1 1h7a1 1 0 0 0 1-1V4.5z" />
      <path d="M9.5 1.5v3h3" />
      <path d="M1.5 4.5v9a1 1 0 0 0 1 1h7" />
    </>
  ),
  file: (
    <>
      <path d="M9.5 1.5h-5a1 1 0 0 0-1 1v11a1 1 0 0 0 1 1h7a1 1 0 0 0 1-1v-9z" />
      <path d="M9.5 1.5v3h3" />
    </>
  ),
  chevronRight: <path d="M6 3.5 10.5 8 6 12.5" />,
  chevronDown: <path d="M3.5 6 8 10.5 12.5 6" />,
  newFile: (
    <>
      <path d="M8.5 14.5h-5a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1h5l3 3v4" />
      <path d="M8.5 1.5v3h3M12 10.5v4M10 12.5h4" />
    </>
  ),
  newFolder: (
    <>
      <path d="M8 13.5H2.5a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h3.5l1.5 1.5h6a1 1 0 0 1 1 1V8" />
      <path d="M12 10v4.5M9.75 12.25h4.5" />
    </>
  ),
  refresh: (
    <>
      <path d="M13 8a5 5 0 1 1-1.5-3.6" />
      <path d="M12 1.5v3h-3" />
    </>
  ),
  collapseAll: (
    <>
      <path d="M4.5 2.5h9v9" />
      <rect x="1.5" y="5.5" width="8" height="8" rx="1" />
      <path d="M3.5 9.5h4" />
    </>
  ),
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  plus: <path d="M8 2.5v11M2.5 8h11" />,
  trash: (
    <>
      <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.6a1 1 0 0 0 1 .9h4.6a1 1 0 0 0 1-.9L12 4" />
      <path d="M6.5 6.5v5M9.5 6.5v5" />
    </>
  ),
  terminal: (
    <>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1" />
      <path d="M4 6l2 2-2 2M7.5 10.5H11" />
    </>
  ),
  sun: (
    <>
      <circle cx="8" cy="8" r="3" />
      <path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1" />
    </>
  ),
  moon: <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z" />,
  warning: (
    <>
      <path d="M8 1.8 14.7 13.5H1.3z" />
      <path d="M8 6v3.5M8 11.2v.3" />
    </>
  ),
  info: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 7v4.5M8 4.8v.3" />
    </>
  ),
  error: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" />
    </>
  ),
  disconnected: (
    <>
      <path d="M2 14 14 2" />
      <path d="M5 8.5 3.8 9.7a2.5 2.5 0 0 0 3.5 3.5L8.5 12M11 7.5l1.2-1.2a2.5 2.5 0 0 0-3.5-3.5L7.5 4" />
    </>
  ),
  folder: <path d="M1.5 12.5v-9a1 1 0 0 1 1-1h3.5l1.5 1.5h6a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z" />,
  compare: (
    <>
      <rect x="1.5" y="2.5" width="5.5" height="11" rx="1" />
      <rect x="9" y="2.5" width="5.5" height="11" rx="1" />
    </>
  ),
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {paths[name]}
    </svg>
  );
}
