import { BedrockProvider, type BedrockProviderOptions } from '../providers/bedrock';
import { OpenAIProvider } from '../providers/openai';
import type { ModelProvider } from '../providers/provider';
import type { AgentRole, AgentSettings } from './settings';

export interface RoutedModel {
  provider: ModelProvider;
  modelId: string;
  role: AgentRole;
}

/**
 * The provider and model for a role. `KEEL_BEDROCK_ENDPOINT` beats the endpoint setting so a test harness or a
 * developer can point an installed app at a local fake without editing the user's settings.
 */
export function routeRole(
  settings: AgentSettings,
  role: AgentRole,
  env: Record<string, string | undefined> = process.env,
  extra: Pick<BedrockProviderOptions, 'credentials'> = {},
): RoutedModel {
  const choice = settings.roles[role];
  if (choice.provider === 'openai') {
    return { role, modelId: choice.model, provider: new OpenAIProvider({ baseURL: settings.openai.baseURL, apiKey: settings.openai.apiKey }) };
  }
  return { role, modelId: choice.model, provider: new BedrockProvider(bedrockOptions(settings, env, extra)) };
}

export function bedrockOptions(
  settings: AgentSettings,
  env: Record<string, string | undefined> = process.env,
  extra: Pick<BedrockProviderOptions, 'credentials'> = {},
): BedrockProviderOptions {
  return {
    region: settings.bedrock.region,
    profile: settings.bedrock.profile,
    endpoint: env.KEEL_BEDROCK_ENDPOINT || settings.bedrock.endpoint,
    ...extra,
  };
}
