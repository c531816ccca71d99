export * from './contract';
export * from './errors';
export * from './transport';
export * from './client';
export * from './workspace';
export * from './terminal';
export * from './app';
export * from './specs';
