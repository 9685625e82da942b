// The content as the production build ships it, already loaded and checked (src/cli/buildPlugins.ts).
declare module 'virtual:envoy-content' {
  const content: import('../src/content/loader').Content | null;
  export default content;
}
