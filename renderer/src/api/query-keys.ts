export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  config: ['config'] as const,
  settings: ['settings'] as const,
  session: ['session'] as const,
  connection: ['connection', 'status'] as const,
  sync: ['sync', 'status'] as const,
};
