/** Source control glyphs (codicon-like, stroked with currentColor). */
export function ScmIcon({ size = 24 }: { size?: number }) {
  // A branch: two commits on a line and one forking off, as VS Code's activity-bar icon.
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="7" cy="5.5" r="2.2" />
      <circle cx="7" cy="18.5" r="2.2" />
      <circle cx="17" cy="8.5" r="2.2" />
      <path d="M7 7.7v8.6M17 10.7c0 4-10 3-10 5.6" strokeLinecap="round" />
    </svg>
  );
}

const small = (children: React.ReactNode) => (
  <svg width={16} height={16} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.3" aria-hidden="true" strokeLinecap="round" strokeLinejoin="round">
    {children}
  </svg>
);

export const PlusIcon = () => small(<path d="M8 3v10M3 8h10" />);
export const MinusIcon = () => small(<path d="M3 8h10" />);
export const DiscardIcon = () => small(<path d="M5.5 3.5 2.5 6.5l3 3M2.5 6.5h7a3.5 3.5 0 0 1 0 7H7" />);
export const OpenFileIcon = () =>
  small(
    <>
      <path d="M9.5 1.5h-5a1 1 0 0 0-1 1v11a1 1 0 0 0 1 1h7a1 1 0 0 0 1-1v-9z" />
      <path d="M9.5 1.5v3h3" />
    </>,
  );
export const CheckIcon = () => small(<path d="m3 8.5 3 3 7-7" />);
export const BranchIcon = ({ size = 14 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.3" aria-hidden="true">
    <circle cx="4.5" cy="3.5" r="1.6" />
    <circle cx="4.5" cy="12.5" r="1.6" />
    <circle cx="11.5" cy="5.5" r="1.6" />
    <path d="M4.5 5.1v5.8M11.5 7.1c0 2.8-7 2-7 3.8" strokeLinecap="round" />
  </svg>
);
