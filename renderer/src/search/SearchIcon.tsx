/** The activity bar's magnifier (codicon-like, 24px grid). */
export function SearchIcon({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="14" cy="10" r="6" />
      <path d="M9.7 14.3 4 20" strokeLinecap="round" />
    </svg>
  );
}

/** "Replace": a curved arrow from the old text into the new (16px grid). */
export function ReplaceIcon({ all = false }: { all?: boolean }) {
  return (
    <svg width={14} height={14} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.3" aria-hidden="true">
      <path d="M3 3v4a2 2 0 0 0 2 2h7" strokeLinecap="round" />
      <path d="m9.5 6.5 2.5 2.5-2.5 2.5" strokeLinecap="round" strokeLinejoin="round" />
      {all && <path d="M3 13h10" strokeLinecap="round" />}
    </svg>
  );
}
