/**
 * The environment a sandboxed command gets: the caller's, less two kinds of variable.
 * - Credentials: the sandbox hides credential files, so the same secrets must not arrive through the environment
 *   (`printenv AWS_SECRET_ACCESS_KEY` would otherwise hand Keel's own AWS keys to the model).
 * - Hijackers: variables that make a harmless-looking program run another one (`GIT_PAGER`, `LD_PRELOAD`,
 *   `BASH_ENV`, exported bash functions, …). Inside the sandbox a hijacked program is still confined, but Keel's
 *   environment is not the model's to choose, and a command that leaves the sandbox gets the same scrubbed set.
 * Names are matched case-insensitively (Windows spells them freely; a lower-case `aws_secret` is still one).
 */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /^AWS_/,
  /^AZURE_/,
  /^GOOGLE_APPLICATION_CREDENTIALS$/,
  /^GCLOUD_/,
  /^CLOUDSDK_/,
  /TOKEN/,
  /SECRET/,
  /PASSWORD/,
  /PASSWD/,
  /(^|_)API_?KEY/,
  /_KEY$/,
  /^KEY$/,
  /_KEY_/,
  /CREDENTIAL/,
  /^SSH_AUTH_SOCK$/,
  /^SSH_AGENT_PID$/,
  /^GPG_AGENT_INFO$/,
  /^KRB5CCNAME$/,
  /^NPM_CONFIG__?AUTH/,
  /^DOCKER_AUTH_CONFIG$/,
  /^(HTTP|HTTPS|ALL|FTP)_PROXY$/, // a proxy URL often carries user:password
];

const HIJACK_PATTERNS: readonly RegExp[] = [
  /^GIT_/,
  /PAGER$/,
  /^LESS(OPEN|CLOSE|KEY|_TERMCAP_.*)?$/,
  /^LD_/,
  /^DYLD_/,
  /^BASH_ENV$/,
  /^ENV$/,
  /^BASH_FUNC_/,
  /^PROMPT_COMMAND$/,
  /^PS4$/,
  /^SHELLOPTS$/,
  /^BASHOPTS$/,
  /^IFS$/,
  /^CDPATH$/,
  /^GLOBIGNORE$/,
  /^ZDOTDIR$/,
  /^NODE_OPTIONS$/,
  /^NODE_PATH$/,
  /^NODE_REPL_EXTERNAL_MODULE$/,
  /^ELECTRON_RUN_AS_NODE$/,
  /^PYTHONSTARTUP$/,
  /^PYTHONPATH$/,
  /^PYTHONHOME$/,
  /^PERL5OPT$/,
  /^PERL5LIB$/,
  /^PERLLIB$/,
  /^RUBYOPT$/,
  /^RUBYLIB$/,
  /^JAVA_TOOL_OPTIONS$/,
  /^_JAVA_OPTIONS$/,
  /^JDK_JAVA_OPTIONS$/,
  /^EDITOR$/,
  /^VISUAL$/,
  /^BROWSER$/,
  /^SSH_ASKPASS$/,
  /^SUDO_ASKPASS$/,
];

/** Why a variable is removed, or undefined when it is kept. */
export function scrubReason(name: string): 'credential' | 'hijack' | undefined {
  const upper = name.toUpperCase();
  // Keel's own hook variables describe the run (KEEL_TOOL_INPUT may mention a "token"); they are set by Keel.
  if (upper.startsWith('KEEL_')) return undefined;
  if (HIJACK_PATTERNS.some((p) => p.test(upper))) return 'hijack';
  if (CREDENTIAL_PATTERNS.some((p) => p.test(upper))) return 'credential';
  return undefined;
}

/** A copy of `env` without credentials and hijacking variables. */
export function scrubEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || scrubReason(name)) continue;
    out[name] = value;
  }
  return out;
}
