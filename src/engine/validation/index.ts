export * from './verdict';
export * from './failure';
