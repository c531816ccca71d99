/** The activity bar's magnifier (codicon-like, 24px grid). */
export function SearchIcon({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="14" cy="10" r="6" />
      <path d="M9.7 14.3 4 20" strokeLinecap="round" />
    </svg>
  );
}
