/**
 * The quick checks git's check-ref-format makes, so the box can say what is wrong while typing; the service
 * asks git itself before creating.
 */
export function branchNameProblem(name: string): string | null {
  if (/\s/.test(name)) return 'Branch names cannot contain spaces.';
  if (name.startsWith('-')) return 'Branch names cannot start with "-".';
  if (/\.\.|[~^:?*[\\]|@\{/.test(name)) return 'Branch names cannot contain "..", "~", "^", ":", "?", "*", "[", "\\" or "@{".';
  if (/(^|\/)\.|\.lock(\/|$)|\/$|\.$|\/\//.test(name)) return 'Not a valid branch name.';
  return null;
}
