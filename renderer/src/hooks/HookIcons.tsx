/** Activity bar icon for the Hooks view: a lightning bolt (an event that sets something off). */
export function HooksIcon({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" aria-hidden="true">
      <path d="M13.5 2.5 5 13.5h6l-1 8 8.5-11h-6z" />
    </svg>
  );
}

/** 16px "run" triangle in the workbench icon style. */
export function PlayIcon({ size = 14 }: { size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" aria-hidden="true">
      <path d="M5 3.5v9l7-4.5z" />
    </svg>
  );
}
