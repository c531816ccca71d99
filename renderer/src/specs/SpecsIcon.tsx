/** Activity bar icon for the Specs view: a checklist. */
export function SpecsIcon({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M7.5 8.5l1.5 1.5 2.5-3M13.5 9h3.5M7.5 14.5l1.5 1.5 2.5-3M13.5 15h3.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
