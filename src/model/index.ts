// The model barrel (internal): the public list is src/index.ts.
export * from './ui-states';
export * from './events';
export * from './buttons';
export * from './commands';
export * from './errors';
export * from './activity';
export * from './validate';
